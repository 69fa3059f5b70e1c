"""The preview pages: any message kind for any scam type, audience, region and money state, in Chinese and
English side by side; and a quiz question with its explanation. Both read the trainer's draft when they have
one (loaded and checked by the bot's own loader), else the live content."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from bot.content.model import KINDS, Content
from bot.content.render import Audience, localise
from bot.content.schema import AUDIENCES
from bot.content.yaml_lines import ContentError
from bot.web.pages import Visitor, console_of, not_found, render, signed_in
from bot.web.preview import STORY, messages, quiz_messages
from common.labels import SCAM_TYPES

SIDE_BY_SIDE = ("zh", "en")


async def _content(request: Request, who: Visitor) -> tuple[Content | None, list[str], bool]:
    """(content, problems, from the draft): the trainer's draft loaded, or the live content; a draft that does
    not pass the check gives its problems instead."""
    console = console_of(request)
    if not console.drafts.exists(who.admin_id):
        return console.content.current, [], False
    try:
        return await asyncio.to_thread(console.previews.load, console.drafts.root(who.admin_id)), [], True
    except ContentError as error:
        return None, [str(problem) for problem in error.problems], True


def _choice(request: Request, name: str, allowed, default: str) -> str:
    value = request.query_params.get(name, default)
    if value not in allowed:
        raise not_found()
    return value


@signed_in
async def preview(request: Request, who: Visitor) -> Response:
    """GET /preview?kind=&scam_type=&audience=&region=&paid=1: each message as a box, as Telegram shows it."""
    content, problems, from_draft = await _content(request, who)
    regions = content.region_codes if content else console_of(request).content.current.region_codes
    chosen = {
        "kind": _choice(request, "kind", (STORY, *KINDS), STORY),
        "scam_type": _choice(request, "scam_type", SCAM_TYPES, SCAM_TYPES[0]),
        "audience": _choice(request, "audience", AUDIENCES, AUDIENCES[0]),
        "region": _choice(request, "region", regions, "cn" if "cn" in regions else regions[0]),
        "paid": request.query_params.get("paid") == "1",
    }
    columns = []
    if content is not None:
        for lang in SIDE_BY_SIDE:
            reader = Audience(lang, chosen["audience"], chosen["region"])
            shown = await asyncio.to_thread(
                messages, content, chosen["kind"], chosen["scam_type"], reader, chosen["paid"]
            )
            columns.append((lang, shown))
    named_from = content or console_of(request).content.current
    names = {t: localise(named_from.scams[t]["name"], who.words.lang, "standard") for t in SCAM_TYPES}
    return render(
        request, "preview.html", who, chosen=chosen, columns=columns, problems=problems, from_draft=from_draft,
        kinds=(STORY, *KINDS), scam_names=names, regions=regions, audiences=AUDIENCES,
    )  # fmt: skip


@signed_in
async def quiz_question(request: Request, who: Visitor) -> Response:
    """GET /quiz/<type>/<question id>?region=: the question as /quiz asks it and the answer with its explanation."""
    scam_type, question_id = request.path_params["scam_type"], request.path_params["question_id"]
    if scam_type not in SCAM_TYPES:
        raise not_found()
    content, problems, from_draft = await _content(request, who)
    columns, question = [], None
    if content is not None:
        question = next((q for q in content.quiz if q.id == question_id and q.scam_type == scam_type), None)
        if question is None:
            raise not_found()
        region = _choice(request, "region", content.region_codes, "cn")
        readers = [Audience(lang, "standard", region) for lang in SIDE_BY_SIDE]
        columns = [(reader.lang, quiz_messages(content, question, reader)) for reader in readers]
    return render(
        request, "quiz_question.html", who, columns=columns, problems=problems, from_draft=from_draft,
        scam_type=scam_type, question_id=question_id, question=question,
        regions=content.region_codes if content else [],
    )  # fmt: skip
