"""Settings and /forget button payloads (the dialogue's own are in bot/dialogue/buttons.py). Telegram returns
them verbatim, so anyone can send any string: every payload is parsed against the known choices and anything
else is refused."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.schema import LANGUAGES

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


# /forget's confirmation buttons.
FORGET_YES = "forget:yes"
FORGET_NO = "forget:no"


def action_and_token(data: str | None) -> tuple[str, str]:
    """(action, token) of a trainer's confirm button, `prefix:action:token`; empty strings for missing parts.
    The handlers then check both: an unknown action or token changes nothing."""
    _, action, token = ((data or "").split(":", 2) + ["", ""])[:3]
    return action, token
