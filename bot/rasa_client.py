"""HTTP client for the Rasa server: NLU parsing (/model/parse) and conversations (REST channel)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import httpx

from bot.labels import MONEY_SENT, aggregate_ranking


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer, or answered with an error."""


@dataclass(frozen=True)
class Parse:
    """What the NLU model made of one message."""

    scam_type: str
    confidence: float
    money_status: str | None  # paid | about_to_pay | not_paid | None when the message does not say
    intent: str

    @property
    def money_sent(self) -> bool | None:
        return MONEY_SENT.get(self.money_status) if self.money_status else None


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


class RasaClient:
    """One shared async connection pool to the Rasa server."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout)

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
            raise RasaUnavailable(f"Rasa server at {self.base_url} failed on {path}: {error}") from error

    async def parse(self, text: str) -> Parse:
        data = await self._request("POST", "/model/parse", {"text": text})
        scam_type, confidence = aggregate_ranking(data.get("intent_ranking") or [])
        money = next(
            (e.get("value") for e in data.get("entities") or [] if e.get("entity") == "money_status"), None
        )
        intent = (data.get("intent") or {}).get("name") or ""
        return Parse(scam_type=scam_type, confidence=confidence, money_status=money, intent=intent)

    async def send(self, sender_id: str, text: str) -> list[BotReply]:
        """One user turn through the dialogue; the semantic replies in order."""
        messages = await self._request("POST", "/webhooks/rest/webhook", {"sender": sender_id, "message": text})
        return [BotReply.from_payload(m["custom"]) for m in messages or [] if isinstance(m.get("custom"), dict)]

    async def forget(self, sender_id: str) -> None:
        """Deletes the conversation's history (the tracker store in rasa_extensions/ drops its rows)."""
        await self._request("PUT", f"/conversations/{quote(sender_id, safe='')}/tracker/events", [])
