"""A local stand-in for Telegram's Bot API, over real HTTP, for end-to-end tests and benchmarks.

The bot is pointed at it with TELEGRAM_BASE_URL (PTB's `base_url`). It serves the methods the bot uses,
records every call, hands out queued updates through getUpdates (long polling), and can be told to fail:
`fail_next(method, status, retry_after=...)` answers the next call of that method with that error, the way
Telegram does (429 with `parameters.retry_after`, 500, or a delay past the client's timeout);
`outage(method, status)` answers every call of it with that status until `outage_over(method)`.
`block(chat_id)` makes every send* call to that chat answer 403 "Forbidden: bot was blocked by the user"; those
refused calls are recorded in `refused` (not in `calls`, which keeps only successful calls).

Once the bot calls setWebhook, queued updates are POSTed to its URL with its secret, up to 40 at a time, as
Telegram does (retried while the bot is not listening yet); deleteWebhook goes back to getUpdates. `served`
holds when each update went to the bot, for the benchmark's latency (bench/load.py).
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx

TEXT_FIELDS = {"text", "caption", "url", "callback_query_id", "secret_token"}
# Telegram's default max_connections for a webhook.
WEBHOOK_CONNECTIONS = 40
BOT_USER = {"id": 1000, "is_bot": True, "first_name": "AntiFraudBot", "username": "anti_fraud_test_bot"}


@dataclass
class Failure:
    status: int
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class Call:
    method: str
    params: dict
    at: float = field(default_factory=time.monotonic)


def inline_buttons(message: dict) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button under a message the bot sent, row by row."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [(button["text"], button["callback_data"]) for row in rows for button in row]


def _multipart(raw: bytes, content_type: str) -> dict:
    """Form fields of an upload (sendPhoto, sendDocument): files as bytes, other fields parsed like PTB sends
    them (JSON for non-text values)."""
    message = BytesParser(policy=default).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    params: dict = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        value = part.get_payload(decode=True)
        if part.get_filename() is None:
            value = value.decode()
            if name not in TEXT_FIELDS:
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
        params[name] = value
    return params


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: a bot with 20 requests in flight (a broadcast) overflowed it,
    # and the dropped connections only arrived after the kernel's 1 s SYN retry (or were reset).
    request_queue_size = 128


class FakeBotApi:
    """Start with `with FakeBotApi() as api:`; `api.base_url` goes into PTB's `base_url`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.names: dict[int, str] = {}  # first names getChat reports, by chat id
        self.admins: dict[int, set[int]] = {}  # the user ids getChatMember reports as a group's administrators
        self.incomplete: set[str] = set()  # methods answered "ok" with a result missing required fields
        self.files: dict[str, bytes] = {}  # documents users "sent", by file id (getFile + download)
        self.polls = 0  # getUpdates calls (not in `calls`: a polling bot makes one every few seconds)
        self._updates: list[dict] = []
        self._next_update_id = 1
        self._next_message_id = 1
        self._failures: dict[str, list[Failure]] = {}
        self._outages: dict[str, int] = {}  # method -> the status every call of it gets (see `outage`)
        self._blocked: set[int] = set()  # chats whose user blocked the bot (see `block`)
        self.refused: list[Call] = []  # send* calls answered 403 because the chat blocked the bot
        self.served: dict[int, float] = {}  # update_id -> time.monotonic() when it went to the bot
        self._webhook: dict | None = None  # setWebhook's url and secret_token, while set
        self._deliveries: ThreadPoolExecutor | None = None
        self._webhook_client = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=WEBHOOK_CONNECTIONS))
        self._lock = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_port}/bot"

    # --- test-side controls -------------------------------------------------------------------------
    def push_update(self, update: dict) -> int:
        """Queues an update (without update_id) for getUpdates, or POSTs it to the webhook once one is set;
        returns its update_id."""
        with self._lock:
            update_id = self._next_update_id
            self._next_update_id += 1
            update = {"update_id": update_id, **update}
            webhook = self._webhook
            if webhook is None:
                self._updates.append(update)
                self._lock.notify_all()
        if webhook is not None:
            self._deliveries.submit(self._deliver, webhook, update)
        return update_id

    def _deliver(self, webhook: dict, update: dict) -> None:
        """One webhook POST, as Telegram makes it; retried while nothing listens (a bot still starting)."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": webhook.get("secret_token") or ""}
        for _ in range(100):
            with self._lock:
                self.served.setdefault(update["update_id"], time.monotonic())
            try:
                response = self._webhook_client.post(webhook["url"], json=update, headers=headers)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            if response.status_code < 500:
                return
            time.sleep(0.1)

    def fail_next(self, method: str, status: int, retry_after: int | None = None, delay: float = 0.0) -> None:
        with self._lock:
            self._failures.setdefault(method, []).append(Failure(status, retry_after, delay))

    def outage(self, method: str, status: int = 502) -> None:
        with self._lock:
            self._outages[method] = status

    def outage_over(self, method: str) -> None:
        with self._lock:
            self._outages.pop(method, None)

    def block(self, chat_id: int) -> None:
        """From now on every send* call to this chat is answered 403, as Telegram does once a user blocks the bot."""
        with self._lock:
            self._blocked.add(int(chat_id))

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[dict]:
        """Parameters of the successful calls of one method, in order; only those to `chat_id` if given."""
        with self._lock:
            calls = [c.params for c in self.calls if c.method == method]
        return calls if chat_id is None else [params for params in calls if params.get("chat_id") == chat_id]

    def timeline(self, method: str = "sendMessage") -> tuple[dict[int, float], list[Call]]:
        """When each update went to the bot, and the successful calls of one method with their times."""
        with self._lock:
            return dict(self.served), [c for c in self.calls if c.method == method]

    def wait_for(self, predicate, timeout: float = 30.0) -> None:
        """Blocks until predicate(self) is true; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("the fake Bot API did not see what the test waited for")
                self._lock.wait(remaining)

    # --- server -------------------------------------------------------------------------------------
    def __enter__(self) -> FakeBotApi:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._deliveries:
            self._deliveries.shutdown(wait=False, cancel_futures=True)
        self._webhook_client.close()

    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        with self._lock:
            queue = self._failures.get(method)
            failure = queue.pop(0) if queue else None
            if failure is None and method in self._outages:
                failure = Failure(self._outages[method])
        if failure:
            time.sleep(failure.delay)
            body = {"ok": False, "error_code": failure.status, "description": f"fake failure {failure.status}"}
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
                body["description"] = f"Too Many Requests: retry after {failure.retry_after}"
            return failure.status, body
        if method.startswith("send") and self._is_blocked(params.get("chat_id")):
            with self._lock:
                self.refused.append(Call(method, params))
                self._lock.notify_all()
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        if method == "getUpdates":
            with self._lock:
                self.polls += 1
                self._lock.notify_all()
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self._lock:
            self.calls.append(Call(method, params))
            self._lock.notify_all()
            if method == "setWebhook":
                self._webhook = {"url": params.get("url"), "secret_token": params.get("secret_token")}
                self._deliveries = self._deliveries or ThreadPoolExecutor(WEBHOOK_CONNECTIONS, "webhook")
                pending, self._updates = self._updates, []
                for update in pending:
                    self._deliveries.submit(self._deliver, self._webhook, update)
            if method == "deleteWebhook":
                self._webhook = None
            if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument"):
                message_id = self._next_message_id
                self._next_message_id += 1
                chat_id = params.get("chat_id")
                message = {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0, "type": "private"},
                    "from": BOT_USER,
                    "text": params.get("text", ""),
                }
                return 200, {"ok": True, "result": message}
        if method == "copyMessage":  # a copy's new message id, as Telegram answers it
            with self._lock:
                self._next_message_id += 1
                return 200, {"ok": True, "result": {"message_id": self._next_message_id - 1}}
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getFile":
            file_id = params.get("file_id")
            size = len(self.files.get(file_id, b""))
            path = f"documents/{file_id}"
            return 200, {"ok": True, "result": {"file_id": file_id, "file_unique_id": file_id, "file_size": size,
                                                "file_path": path}}  # fmt: skip
        if method in self.incomplete:
            # Seen from Telegram under load: "ok" with a partial object, which the bot's library cannot read.
            return 200, {"ok": True, "result": {"id": params.get("chat_id")}}
        if method == "getChat":
            return 200, {"ok": True, "result": self._chat_info(params.get("chat_id"))}
        if method == "getChatMember":
            return 200, {"ok": True, "result": self._chat_member(params.get("chat_id"), params.get("user_id"))}
        return 200, {"ok": True, "result": True}

    def _is_blocked(self, chat_id) -> bool:
        with self._lock:
            return str(chat_id).lstrip("-").isdigit() and int(chat_id) in self._blocked

    def _chat_info(self, chat_id) -> dict:
        """A private chat as getChat describes it; its first name as the test set it in `names`."""
        chat_id = int(chat_id)
        gifts = {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        }
        return {"id": chat_id, "type": "private", "first_name": self.names.get(chat_id, f"User {chat_id}"),
                "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}  # fmt: skip

    def _chat_member(self, chat_id, user_id) -> dict:
        """A group member as getChatMember describes one: the creator if the test listed them in `admins`."""
        user = {"id": int(user_id), "is_bot": False, "first_name": self.names.get(int(user_id), f"User {user_id}")}
        with self._lock:
            admin = int(user_id) in self.admins.get(int(chat_id), set())
        if admin:
            return {"status": "creator", "user": user, "is_anonymous": False}
        return {"status": "member", "user": user}

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._lock:
            # Telegram forgets updates below the offset the bot confirms.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            now = time.monotonic()
            for update in self._updates:
                self.served.setdefault(update["update_id"], now)
            return list(self._updates)

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive: the bot's connection pool reuses its connections, as it does with Telegram. Headers and
            # body go out in two writes: without TCP_NODELAY the body waits for the bot's delayed ACK (40 ms).
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                if self.path.startswith("/file/"):  # a download of a file the test put in `files`
                    data = api.files.get(self.path.rsplit("/", 1)[-1])
                    status = 200
                    if data is None:  # Telegram answers a missing file with a JSON error, not an empty body
                        status, data = 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"})
                        data = data.encode()
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                method = self.path.rsplit("/", 1)[-1]
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                content_type = self.headers.get("Content-Type", "")
                if "json" in content_type:
                    params = json.loads(raw or b"{}")
                elif content_type.startswith("multipart/form-data"):
                    params = _multipart(raw, content_type)
                else:
                    # PTB sends form fields whose non-text values are JSON (numbers, booleans, keyboards).
                    params = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    for key, value in params.items():
                        if key not in TEXT_FIELDS:
                            try:
                                params[key] = json.loads(value)
                            except ValueError:
                                pass
                status, body = api._answer(method, params)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot hung up (stopped mid long poll, or gave up after a delay)

            do_GET = do_POST

        return Handler
