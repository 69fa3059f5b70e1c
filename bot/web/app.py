"""The console's ASGI app (Starlette): its routes, its static files, and the headers every response carries.

Pages are rendered on the server; the only script is the console's own chart code and the chart library, both
served from here. The Content-Security-Policy allows nothing else: no inline script, no other site, no frames.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web import auth, content_pages, item_pages, preview_pages, publish, stats
from bot.web.pages import browser_words, refusal, visitor
from bot.web.services import Console

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    # The login link's token is in its address: never sent on to anywhere else.
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (pages, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _not_found(request: Request, _: HTTPException) -> Response:
    who = await visitor(request)
    return refusal(request, "console_not_found", 404, who.words if who else browser_words(request))


async def _method_not_allowed(request: Request, error: HTTPException) -> Response:
    return Response(status_code=error.status_code, headers=getattr(error, "headers", None))


ROUTES = [
    Route("/", content_pages.index),
    Route("/login/{token}", auth.login_page, methods=["GET"]),
    Route("/login/{token}", auth.login, methods=["POST"]),
    Route("/logout", auth.logout, methods=["POST"]),
    Route("/scams/{scam_type}", content_pages.scam, methods=["GET", "POST"]),
    Route("/regions/{region}", content_pages.region, methods=["GET", "POST"]),
    Route("/quiz/{scam_type}", content_pages.quiz, methods=["GET", "POST"]),
    # A new item of a file's list (list_items.KINDS says which kinds each folder takes).
    *(Route(f"/{folder}/{{name}}/add/{{kind}}", item_pages.add_item, methods=["GET", "POST"])
      for folder in ("scams", "regions", "quiz")),
    Route("/quiz/{scam_type}/{question_id}", preview_pages.quiz_question),
    Route("/preview", preview_pages.preview),
    Route("/publish", publish.publish_page, methods=["GET"]),
    Route("/publish", publish.publish, methods=["POST"]),
    Route("/draft/discard", publish.discard, methods=["POST"]),
    Route("/history", publish.history),
    Route("/history/{number}", publish.version),
    Route("/history/{number}/rollback", publish.rollback, methods=["POST"]),
    Route("/stats", stats.stats_page),
    Route("/stats.csv", stats.stats_csv),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]


def build_app(console: Console) -> ASGIApp:
    app = Starlette(routes=ROUTES, exception_handlers={404: _not_found, 405: _method_not_allowed})
    app.state.console = console
    return SecurityHeaders(app)
