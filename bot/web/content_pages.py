"""The content pages: the list of what can be edited, and one form per file (a scam type, a region, a quiz),
saved into the trainer's draft. Nothing here changes the live content: publishing does (publish.py)."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlencode

from ruamel.yaml import YAMLError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.content.render import localise
from bot.web import forms, list_items
from bot.web.pages import Visitor, console_of, not_found, render, signed_in
from bot.web.problems import beside
from common.labels import SCAM_TYPES

REGION_CODE = re.compile(r"^[a-z]{2,3}$")


@signed_in
async def index(request: Request, who: Visitor) -> Response:
    """GET /: the scam types, regions and quiz files, and the state of the trainer's draft."""
    console = console_of(request)
    live = console.content.current
    names = {t: localise(live.scams[t]["name"], who.words.lang, "standard") for t in SCAM_TYPES if t in live.scams}
    changed = await asyncio.to_thread(console.drafts.changed, who.admin_id)
    regions = [(code, localise(live.regions[code]["name"], who.words.lang, "standard")) for code in live.region_codes]
    return render(request, "index.html", who, scams=names, regions=regions, changed=sorted(changed))


def file_of(request: Request, folder: str, name: str) -> str:
    """`folder/name.yml` when it is a file of the trainer's view of content/, else 404."""
    valid = name in SCAM_TYPES if folder in ("scams", "quiz") else bool(REGION_CODE.match(name))
    if not valid:
        raise not_found()
    return f"{folder}/{name}.yml"


async def _edit(request: Request, who: Visitor, relative: str, heading: str, preview: str | None) -> Response:
    """One file's form: GET shows it (with the last publish's problems beside their fields); POST saves the
    changed fields into the draft, or shows why it cannot (nothing saved then). A remove button posts the same
    form with its item: the changed fields are saved and that item removed, in one write."""
    console = console_of(request)
    if not (console.drafts.content_root(who.admin_id) / relative).is_file():
        raise not_found()
    try:
        data = await asyncio.to_thread(console.drafts.load, who.admin_id, relative)
    except YAMLError as error:  # a file broken by an edit on disk (the bot keeps its previous content meanwhile)
        return render(request, "message.html", who, 422, message=f"content/{relative}: {error}")
    page = forms.page_for(relative, data)
    values = {target.name: target.value for target in page.fields()}
    refused: dict[str, str] = {}
    if who.form is not None:
        edits: list[forms.Edit] = []
        removed: list[bool] = []

        def change(current) -> bool:  # on the file as it is now, under the drafts' lock
            page_now = forms.page_for(relative, current)
            edits.append(forms.apply_form(page_now, current, who.form))
            removed.append(not edits[0].refused and list_items.remove(page_now, current, who.form.get("remove")))
            return bool(edits[0].changed) or removed[0]

        await asyncio.to_thread(console.drafts.edit, who.admin_id, relative, change)
        if not edits[0].refused:
            notice = "console_item_removed" if removed[0] else "console_saved" if edits[0].changed else ""
            notice = notice or "console_nothing_changed"
            return RedirectResponse(f"{request.url.path}?{urlencode({'notice': notice})}", status_code=303)
        refused = {name: who.words(key) for name, key in edits[0].refused.items()}
        values.update({name: value for name, value in who.form.items() if name in values})
    problems = await asyncio.to_thread(console.drafts.problems, who.admin_id)
    by_field, loose = beside(page, problems)
    return render(
        request, "edit.html", who, 422 if refused else 200, page=page, heading=heading, values=values,
        problems=by_field, loose=loose, refused=refused, preview=preview, relative=relative,
        draft=console.drafts.exists(who.admin_id), names=scam_names(request, who.words.lang),
        adds=_adds(relative),
    )  # fmt: skip


def _adds(relative: str) -> dict[str, list_items.Kind]:
    """The add links of a file's page: section heading -> the kind of item it adds."""
    folder = relative.partition("/")[0]
    kinds = {heading: list_items.KINDS[name] for heading, name in list_items.ADD_TO_SECTION.items()}
    return {heading: kind for heading, kind in kinds.items() if kind.folder == folder}


def scam_names(request: Request, lang: str) -> dict[str, str]:
    """Scam types' names in the trainer's language (a quiz answer is shown by its name)."""
    live = console_of(request).content.current
    return {scam_type: localise(scam["name"], lang, "standard") for scam_type, scam in live.scams.items()}


def entry_name(request: Request, part: str, key: str, lang: str) -> str:
    live = console_of(request).content.current
    entries = getattr(live, part)
    return localise(entries[key]["name"], lang, "standard") if key in entries else key


@signed_in
async def scam(request: Request, who: Visitor) -> Response:
    """GET/POST /scams/<type>: warning, how it works, cases, warning signs, red-flag phrases, what to do."""
    scam_type = request.path_params["scam_type"]
    relative = file_of(request, "scams", scam_type)
    heading = entry_name(request, "scams", scam_type, who.words.lang)
    return await _edit(request, who, relative, heading, f"/preview?scam_type={scam_type}")


@signed_in
async def region(request: Request, who: Visitor) -> Response:
    """GET/POST /regions/<code>: numbers (a changed one needs its source), stop-payment steps, ways of paying."""
    code = request.path_params["region"]
    relative = file_of(request, "regions", code)
    heading = entry_name(request, "regions", code, who.words.lang)
    return await _edit(request, who, relative, heading, f"/preview?region={code}")


@signed_in
async def quiz(request: Request, who: Visitor) -> Response:
    """GET/POST /quiz/<type>: that scam type's quiz questions and explanations."""
    scam_type = request.path_params["scam_type"]
    relative = file_of(request, "quiz", scam_type)
    heading = f"{who.words('console_quiz')} · {entry_name(request, 'scams', scam_type, who.words.lang)}"
    return await _edit(request, who, relative, heading, None)
