"""Button payloads (callback data). Telegram returns them verbatim, so anyone can send any string:
every payload is parsed against the known choices and anything else is refused."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

LANGUAGES = ("en", "zh")
REGIONS = ("cn", "hk", "tw", "sg", "uk", "us", "au")
SIMPLE = ("on", "off")
_CHOICES = {"lang": LANGUAGES, "region": REGIONS, "simple": SIMPLE}


@dataclass(frozen=True)
class SettingChoice:
    setting: str  # lang | region | simple
    value: str


def setting_data(setting: str, value: str) -> str:
    if value not in _CHOICES.get(setting, ()):
        raise ValueError(f"unknown choice {setting}:{value}")
    return f"set:{setting}:{value}"


def parse_setting(data: str | None) -> SettingChoice | None:
    """The choice a settings button stands for, or None for anything that is not one of ours."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != "set":
        return None
    _, setting, value = parts
    if value not in _CHOICES.get(setting, ()):
        return None
    return SettingChoice(setting, value)


@dataclass(frozen=True)
class SignTap:
    """A tap on a warning sign under the checklist: "this happened to me"."""

    scam_type: str
    item_id: str
    money_gone: bool


def sign_data(scam_type: str, item_id: str, money_gone: bool) -> str:
    # At most 5 + 22 + 1 + 30 + 2 bytes: Telegram allows 64 (content check limits checklist ids to 30).
    return f"sign:{scam_type}:{item_id}:{'p' if money_gone else 'n'}"


def parse_sign(data: str | None, checklist_ids: Mapping[str, Collection[str]]) -> SignTap | None:
    """The sign a checklist button stands for, checked against the live content's checklist ids per scam type."""
    parts = (data or "").split(":")
    if len(parts) != 4 or parts[0] != "sign" or parts[3] not in ("p", "n"):
        return None
    _, scam_type, item_id, money = parts
    if item_id not in checklist_ids.get(scam_type, ()):
        return None
    return SignTap(scam_type, item_id, money == "p")


# /forget's confirmation buttons.
FORGET_YES = "forget:yes"
FORGET_NO = "forget:no"
