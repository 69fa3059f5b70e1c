"""HTTP client for the Rasa server: NLU parsing (/model/parse) and conversation turns (the turn channel,
rasa_addons/turn_channel.py: the parse and the dialogue's replies in one round trip)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

from common.labels import EVERYDAY_INTENTS, MONEY_SENT, aggregate_ranking
from common.rasa_api import TOKEN_PARAMETER
from common.risk_signals import CONVERSATION_SIGNALS, SIGNALS, scam_relevant

# What the bot's answer buttons tell the dialogue (the turn channel accepts only these as intents).
ANSWERS = ("affirm", "deny", "unsure")


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer, or answered with an error."""


@dataclass(frozen=True)
class Parse:
    """What the NLU model made of one message."""

    scam_type: str
    confidence: float
    money_status: str | None  # paid | about_to_pay | not_paid | None when the message does not say
    intent: str
    signals: tuple[str, ...] = ()  # risk signals (common/risk_signals/): SIGNALS, then CONVERSATION_SIGNALS
    intent_confidence: float = 0.0
    at_risk: str | None = None  # "relative" when the writer is helping someone else at risk
    forwarded: bool = False  # the message is the scammer's own text, pasted or forwarded

    @property
    def money_sent(self) -> bool | None:
        return MONEY_SENT.get(self.money_status) if self.money_status else None

    @property
    def relevant_signals(self) -> tuple[str, ...]:
        """The signals that speak of a scam when this message is read on its own (an everyday message's money
        words do not)."""
        everyday = self.intent in EVERYDAY_INTENTS
        return tuple(scam_relevant(self.signals, everyday, self.intent_confidence))

    @classmethod
    def from_rasa(cls, data: dict) -> Parse:
        scam_type, confidence = aggregate_ranking(data.get("intent_ranking") or [])
        entities = data.get("entities") or []

        def value(name: str) -> str | None:
            return next((e.get("value") for e in entities if e.get("entity") == name), None)

        found = {e.get("value") for e in entities if e.get("entity") == "risk_signal"}
        return cls(
            scam_type=scam_type,
            confidence=confidence,
            money_status=value("money_status"),
            intent=(data.get("intent") or {}).get("name") or "",
            signals=tuple(signal for signal in (*SIGNALS, *CONVERSATION_SIGNALS) if signal in found),
            intent_confidence=float((data.get("intent") or {}).get("confidence") or 0.0),
            at_risk=value("at_risk"),
            forwarded=value("message_form") == "forwarded",
        )


@dataclass(frozen=True)
class BotReply:
    """One semantic reply from the dialogue: what to say (kind) about which scam, never the wording."""

    kind: str
    scam_type: str | None
    money_status: str | None

    @property
    def money_gone(self) -> bool:
        """Whether replies treat the money as gone. "Not sure" counts: the stop-loss path costs nothing when it
        was not needed."""
        return self.money_status in ("paid", "unsure")

    @classmethod
    def from_payload(cls, payload: dict) -> BotReply:
        def slot(value):
            # Rasa writes an unset slot into a response as the string "None".
            return None if value in (None, "", "None") else str(value)

        return cls(
            kind=str(payload.get("kind") or "clarify"),
            scam_type=slot(payload.get("scam_type")),
            money_status=slot(payload.get("money_status")),
        )


@dataclass(frozen=True)
class DialogueTurn:
    """One user turn as the dialogue saw it: this message's parse, the replies, and the risk signals of the
    session's earlier turns, so a "yes" or "is that alright then?" after "I gave him the code" is still read in
    its light."""

    parse: Parse
    replies: tuple[BotReply, ...]
    signals_before: frozenset[str] = frozenset()
    relative_before: bool = False  # an earlier turn of the session was about someone else at risk
    everyday_before: bool = False  # there were earlier turns, all read confidently as everyday life
    warned_before: frozenset[str] = frozenset()  # scam types whose warning the session has shown already


def url_for_logs(url: str) -> str:
    """The URL without what may be a credential (user:password@, ?token=...), for logs and error messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class RasaClient:
    """One shared async connection pool to the Rasa server."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0) -> None:
        """`token`: the server's API token (rasa run --auth-token), sent as Rasa expects it, in the query."""
        self.base_url = base_url.rstrip("/")
        self._shown_url = url_for_logs(self.base_url)
        # httpx's errors quote the request's URL, query and all: these never reach a log.
        password = urlsplit(self.base_url).password
        self._secrets = [secret for secret in (token, password) if secret]
        params = {TOKEN_PARAMETER: token} if token else None
        self._http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout, params=params)

    def _unavailable(self, what: str, error: Exception) -> RasaUnavailable:
        said = re.sub(r"\w+://[^\s'\"]+", lambda url: url_for_logs(url.group()), str(error))
        for secret in self._secrets:
            said = said.replace(secret, "***")
        return RasaUnavailable(f"Rasa server at {self._shown_url} {what}: {type(error).__name__}: {said}")

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> RasaClient:
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.aclose()

    async def _request(self, method: str, path: str, body: object) -> object:
        try:
            response = await self._http.request(method, path, json=body)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as error:
            # Not chained: a logged traceback would show httpx's error, URL and token included.
            raise self._unavailable(f"failed on {path}", error) from None

    async def parse(self, text: str) -> Parse:
        """The NLU model's reading of one message; no conversation is touched."""
        return Parse.from_rasa(await self._request("POST", "/model/parse", {"text": text}))

    async def turn(self, sender_id: str, text: str | None = None, answer: str | None = None) -> DialogueTurn:
        """One user turn through the dialogue: a message the user typed, or an answer button (ANSWERS)."""
        body: dict[str, str] = {"sender": sender_id}
        if answer is not None:
            if answer not in ANSWERS:
                raise ValueError(f"not an answer button: {answer!r}")
            body["answer"] = answer
        else:
            body["message"] = text or ""
        data = await self._request("POST", "/webhooks/turn/webhook", body)
        try:
            return DialogueTurn(
                parse=Parse.from_rasa(data["parse"]),
                replies=tuple(BotReply.from_payload(payload) for payload in data["replies"]),
                signals_before=frozenset(data.get("signals_before") or ()),
                relative_before=bool(data.get("relative_before")),
                everyday_before=bool(data.get("everyday_before")),
                warned_before=frozenset(data.get("warned_before") or ()),
            )
        except (KeyError, TypeError) as error:
            raise self._unavailable("gave an unexpected turn", error) from None

    async def forget(self, sender_id: str) -> None:
        """Deletes the conversation's history (the tracker store in rasa_addons/ drops its rows)."""
        await self._request("PUT", f"/conversations/{quote(sender_id, safe='')}/tracker/events", [])
