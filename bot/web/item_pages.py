"""The add pages: a new case, warning sign, red-flag phrase list or stop-loss step of a scam type, a new number
or way of paying of a region, a new quiz question; one field per language and audience, saved into the trainer's
draft like any edit (list_items.py builds and appends the item). Removing is a button on the file's own page
(content_pages.py).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.web import forms, list_items
from bot.web.content_pages import entry_name, file_of, scam_names
from bot.web.pages import Visitor, console_of, not_found, render, signed_in


def _posted(targets: list[forms.Field], form) -> dict[str, str]:
    values = {target.name: form.get(target.name) for target in targets}
    return {name: forms.normalised(value if isinstance(value, str) else "", target.kind)
            for (name, value), target in zip(values.items(), targets, strict=True)}  # fmt: skip


def _checked(targets: list[forms.Field], form) -> bool:
    """Whether the new item's source box is ticked (the box is named after the source's address field)."""
    sources = [target.name for target in targets if target.kind == "source"]
    return all(form.get(f"{name.removesuffix('url')}checked") == "yes" for name in sources)


@signed_in
async def add_item(request: Request, who: Visitor) -> Response:
    """GET/POST /<scams|regions|quiz>/<name>/add/<kind>: the new item's form; POST appends it to the draft and
    goes back to the file's page, or shows beside each field why it cannot (nothing saved then)."""
    folder, name = request.url.path.split("/")[1], request.path_params["name"]
    kind = list_items.KINDS.get(request.path_params["kind"])
    if kind is None or kind.folder != folder:
        raise not_found()
    relative = file_of(request, folder, name)
    console = console_of(request)
    if not (console.drafts.content_root(who.admin_id) / relative).is_file():
        raise not_found()
    data = await asyncio.to_thread(console.drafts.load, who.admin_id, relative)
    targets = list_items.fields(kind, list_items.blank(kind), data, name)
    values = {target.name: target.choices[0] if target.choices else "" for target in targets}
    values.update({t.name: list_items.suggested_id(kind, data, name) for t in targets if t.kind == "id"})
    refused: dict[str, str] = {}
    if who.form is not None:
        posted, checked, outcome = _posted(targets, who.form), _checked(targets, who.form), []

        def change(current) -> bool:  # on the file as it is now, under the drafts' lock
            skeleton = list_items.blank(kind)
            fresh = list_items.fields(kind, skeleton, current, name)
            outcome.append(list_items.refusals(fresh, posted, current, checked))
            if not outcome[0]:
                list_items.add(kind, skeleton, fresh, posted, current)
            return not outcome[0]

        await asyncio.to_thread(console.drafts.edit, who.admin_id, relative, change)
        if not outcome[0]:
            query = urlencode({"notice": "console_item_added"})
            return RedirectResponse(f"/{folder}/{name}?{query}", status_code=303)
        refused = {field_name: who.words(key) for field_name, key in outcome[0].items()}
        values.update(posted)
    part = "regions" if folder == "regions" else "scams"
    return render(
        request, "add_item.html", who, 422 if refused else 200, kind=kind, fields=targets, values=values,
        refused=refused, relative=relative, back=f"/{folder}/{name}", heading=entry_name(request, part, name,
        who.words.lang), names=scam_names(request, who.words.lang),
    )  # fmt: skip
