"""Publishing a draft, the versions, and rollback: the same versioned archive and atomic swap as a content upload
on Telegram (bot/content/versions/), so the console, uploads and /rollback share one history.

Publishing stages the files the trainer changed over the live content (`ContentVersions.stage_files`), which runs
the full content check in a process of its own; any problem keeps the live content as it is and is shown, with
file, line and reason, beside the field it is about. A passing draft is applied as a new version by that trainer,
the console's content store reloads it, and a running bot sees the new files at its next message (ContentStore).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.content.versions import VersionError
from bot.content.versions.preview import compare
from bot.content.versions.trees import tree_files
from bot.web import forms
from bot.web.pages import Visitor, console_of, not_found, render, signed_in
from bot.web.problems import place
from bot.web.services import Console

SUMMARY = "web console"  # how a published draft's version is labelled in the history (beside `by`)


@dataclass(frozen=True)
class Outcome:
    number: int | None = None  # the new version
    problems: tuple[str, ...] = ()  # file:line: reason
    conflicts: tuple[str, ...] = ()  # changed files another publish changed meanwhile
    unchanged: bool = False


def publish_draft(console: Console, admin_id: int) -> Outcome:
    """Checks the draft's changed files over the live content and, if they pass, makes them live as a new version."""
    changed = console.drafts.changed(admin_id)
    if not changed:
        return Outcome(unchanged=True)
    conflicts = console.drafts.conflicts(admin_id)
    if conflicts:
        return Outcome(conflicts=tuple(conflicts))
    staged = console.versions.stage_files(changed, SUMMARY)
    if not staged.ok:
        console.drafts.keep_problems(admin_id, staged.problems)
        return Outcome(problems=tuple(staged.problems))
    try:
        number = console.versions.apply(staged.token, by=admin_id)
    except VersionError as error:
        return Outcome(problems=(str(error),))
    console.previews.forget(console.drafts.root(admin_id))
    console.drafts.discard(admin_id)
    console.content.reload()
    return Outcome(number=number)


def _draft_diff(console: Console, admin_id: int) -> list[str]:
    changed = console.drafts.changed(admin_id)
    live = tree_files(console.versions.live)
    return compare({relative: live.get(relative, b"") for relative in changed}, changed)[1]


def _page_of(console: Console, admin_id: int):
    def page(relative: str):
        try:
            return forms.page_for(relative, console.drafts.load(admin_id, relative))
        except (OSError, ValueError):
            return None

    return page


async def _publish_page(request: Request, who: Visitor, outcome: Outcome | None = None) -> Response:
    console = console_of(request)
    diffs = await asyncio.to_thread(_draft_diff, console, who.admin_id)
    problems = list(outcome.problems) if outcome else await asyncio.to_thread(console.drafts.problems, who.admin_id)
    placed = await asyncio.to_thread(place, problems, _page_of(console, who.admin_id))
    refused = outcome is not None and bool(outcome.problems or outcome.conflicts)
    return render(
        request, "publish.html", who, 422 if refused else 200, diffs=diffs, placed=placed, outcome=outcome,
        draft=console.drafts.exists(who.admin_id),
    )  # fmt: skip


@signed_in
async def publish_page(request: Request, who: Visitor) -> Response:
    """GET /publish: what the draft changes, and the problems of the last attempt."""
    return await _publish_page(request, who)


@signed_in
async def publish(request: Request, who: Visitor) -> Response:
    """POST /publish: check, then apply as a new version; or the problems beside their fields, nothing live changed."""
    console = console_of(request)
    outcome = await asyncio.to_thread(publish_draft, console, who.admin_id)
    if outcome.number is not None:
        query = urlencode({"notice": "console_published", "number": outcome.number})
        return RedirectResponse(f"/history?{query}", status_code=303)
    return await _publish_page(request, who, outcome)


@signed_in
async def discard(request: Request, who: Visitor) -> Response:
    """POST /draft/discard: the draft goes; the pages show the live content again."""
    console = console_of(request)
    console.previews.forget(console.drafts.root(who.admin_id))
    await asyncio.to_thread(console.drafts.discard, who.admin_id)
    return RedirectResponse(f"/?{urlencode({'notice': 'console_discarded'})}", status_code=303)


@signed_in
async def history(request: Request, who: Visitor) -> Response:
    """GET /history: every version, newest first: when, by whom, what changed; rollback beside each."""
    versions = await asyncio.to_thread(console_of(request).versions.list_versions)
    return render(request, "history.html", who, versions=versions)


def _number(request: Request) -> int:
    raw = request.path_params["number"]
    if not raw.isdecimal() or len(raw) > 9:
        raise not_found()
    return int(raw)


@signed_in
async def version(request: Request, who: Visitor) -> Response:
    """GET /history/<n>: what version n changed from the one before it."""
    number = _number(request)
    try:
        changes, diffs = await asyncio.to_thread(console_of(request).versions.changes_in, number)
    except VersionError:
        raise not_found() from None
    return render(request, "version.html", who, number=number, changes=changes, diffs=diffs)


@signed_in
async def rollback(request: Request, who: Visitor) -> Response:
    """POST /history/<n>/rollback: version n is checked and made live again, as a new version by this trainer."""
    number = _number(request)
    console = console_of(request)
    try:
        new = await asyncio.to_thread(console.versions.rollback, number, who.admin_id)
    except VersionError as error:
        versions = await asyncio.to_thread(console.versions.list_versions)
        failure = who.words("console_not_rolled_back", reason=str(error))
        return render(request, "history.html", who, 422, versions=versions, failure=failure)
    await asyncio.to_thread(console.content.reload)
    query = urlencode({"notice": "console_rolled_back", "old": number, "number": new})
    return RedirectResponse(f"/history?{query}", status_code=303)
