"""Pictures of a conversation as a Telegram user sees it, for the README: the messages the fake Bot API received
from the bot (Telegram HTML, with their buttons) and what the user sent, drawn by Debian's headless Chromium (as
the console's browser tests use it) so emoji and Chinese look as they do on a phone. Tests that talk to the
running bot save one when README_IMAGES names a folder (docs/images/)."""

from __future__ import annotations

import base64
import html
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops

from bot.web.preview import telegram_html
from testkit import output_folder
from testkit.fake_bot_api import inline_buttons

WIDTH = 480
STYLE = """
body { margin: 0; background: #dfe7ee; font: 15px/1.4 "Noto Sans CJK SC", sans-serif; }
.chat { width: 456px; padding: 12px; }
.title { background: #517da2; color: #fff; font-weight: bold; padding: 10px 12px; margin: -12px -12px 12px; }
.bubble { background: #fff; border-radius: 12px; padding: 8px 12px; margin: 0 48px 8px 0; white-space: pre-wrap; }
.mine { background: #e1ffc7; margin: 0 0 8px 48px; }
.mine img { display: block; max-width: 100%; max-height: 320px; border-radius: 8px; }
.buttons { display: flex; flex-wrap: wrap; gap: 4px; margin: -4px 48px 10px 0; }
.buttons span { flex: 1 1 40%; background: rgba(81, 125, 162, .75); color: #fff; text-align: center;
                border-radius: 8px; padding: 6px; font-size: 14px; }
"""


@dataclass
class Conversation:
    """What one user saw, in order: `user` adds what they sent, `bot` a message the bot sent them."""

    title: str
    parts: list[str] = field(default_factory=list)

    def user(self, text: str = "", image: bytes | None = None) -> None:
        shown = f'<img src="data:image/png;base64,{base64.b64encode(image).decode()}">' if image else ""
        self.parts.append(f'<div class="bubble mine">{shown}{html.escape(text)}</div>')

    def bot(self, message: dict) -> None:
        """A message as the fake Bot API recorded it (sendMessage's parameters), with its inline buttons."""
        self.parts.append(f'<div class="bubble">{telegram_html(message["text"])}</div>')
        buttons = "".join(f"<span>{html.escape(label)}</span>" for label, _ in inline_buttons(message))
        if buttons:
            self.parts.append(f'<div class="buttons">{buttons}</div>')

    def page(self) -> str:
        body = "".join(self.parts)
        return (f'<!doctype html><meta charset="utf-8"><style>{STYLE}</style>'
                f'<div class="chat"><div class="title">{html.escape(self.title)}</div>{body}</div>')  # fmt: skip

    def save_png(self, path: Path) -> None:
        """Draws the page in headless Chromium, cut to the conversation's height."""
        with tempfile.TemporaryDirectory() as work:
            page, shot = Path(work) / "chat.html", Path(work) / "chat.png"
            page.write_text(self.page(), encoding="utf-8")
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--window-size={WIDTH},4000", f"--screenshot={shot}", page.as_uri()],
                           check=True, capture_output=True, timeout=120)  # fmt: skip
            image = Image.open(shot).convert("RGB")
            background = Image.new("RGB", image.size, image.getpixel((0, image.height - 1)))
            box = ImageChops.difference(image, background).getbbox()
            image.crop((0, 0, WIDTH, min(image.height, box[3] + 12) if box else image.height)).save(path)


def readme_images() -> Path | None:
    """The folder README_IMAGES names (made if missing), or None: tests save no pictures."""
    return output_folder("README_IMAGES")
