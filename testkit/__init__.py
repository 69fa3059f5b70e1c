"""What tests/ and bench/ share to run the product the way users meet it.

- fake_bot_api.py: a local HTTP server speaking the Telegram Bot API, recording what the bot sends;
- telegram_updates.py: real Telegram update payloads (messages, commands, button taps, groups);
- bot_process.py: the bot as a real process (`python -m bot run`) against the fake Bot API;
- bot_cli.py: the `python -m bot` command line, as a user runs it;
- local_servers.py: throwaway PostgreSQL, Redis and nginx servers;
- content_text.py: what the bot says, read from content/, so tests check behaviour and not trainers' wording;
- web_console.py: the trainers' web console in this process, signed in as a trainer's browser signs in;
- conversation_safety.py: the conversation safety suite's player and checks (`python -m testkit.conversation_safety`).

It may import `bot` and `common`; nothing in `bot` or `common` imports it.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def output_folder(variable: str) -> Path | None:
    """The folder an environment variable names for pictures the tests save (made if missing), or None: the
    tests save none (README_IMAGES, CONSOLE_SCREENSHOTS)."""
    folder = os.environ.get(variable)
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)
