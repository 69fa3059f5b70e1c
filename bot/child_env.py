"""What a child process (a Rasa server, a content check) may see of the bot's environment: the basics a program
needs and its libraries' settings, never the bot's secrets (TELEGRAM_BOT_TOKEN, DATABASE_URL, WEBHOOK_SECRET,
RASA_TOKEN, or anything else an operator has set)."""

from __future__ import annotations

import os

BASICS = frozenset({"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "PYTHONPATH",
                    "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONHASHSEED"})  # fmt: skip
LIBRARY_PREFIXES = ("LC_", "TF_", "OMP_", "MKL_", "OPENBLAS_", "SQLALCHEMY_")


def child_environment(*names: str) -> dict[str, str]:
    """The allow-listed part of this process's environment, plus the variables `names` if set."""
    allowed = BASICS | set(names)
    return {name: value for name, value in os.environ.items() if name in allowed or name.startswith(LIBRARY_PREFIXES)}
