"""The reader's script: content is written in Simplified Chinese; Chinese readers in Hong Kong and Taiwan get it
in Traditional Chinese, converted by OpenCC as it leaves render.py (`for_reader`).

- Hong Kong: `s2hk` (characters only, Hong Kong's standard forms).
- Taiwan: `s2twp` (characters, Taiwan's standard forms, and Taiwan's own words: 网络 -> 網路, 信息 -> 資訊).

Only runs of non-ASCII text are converted: HTML tags and entities, URLs, numbers (18222, 165, 999), and Latin
words (App, QQ, ETC) never reach OpenCC, so none of them can change (s2twp alone turns "U盘" into "隨身碟" and
"USB接口" into "USB介面"). A run is converted once per process and cached: the same sentences of the content
come back in every reply.

bot/content/script_check.py checks at every load that the conversion keeps every number, URL, Latin word and
name of the content.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import opencc

# Region -> OpenCC configuration, for Chinese readers. Every other reader gets the text as written.
SCRIPTS = {"hk": "s2hk", "tw": "s2twp"}
# After OpenCC: Taiwan writes accounts and transfers with 帳 (帳戶, 轉帳, 165's “警示帳戶”); s2twp leaves 賬.
AFTER = {"s2twp": str.maketrans("賬", "帳")}
# What OpenCC is given: runs of anything but ASCII (tags, entities, URLs, digits and Latin words are ASCII).
CONVERTIBLE = re.compile(r"[^\x00-\x7f]+")

_converters: dict[str, opencc.OpenCC] = {}
_building = threading.Lock()


def _converter(script: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration and process: building one reads its dictionaries (~70 ms)."""
    converter = _converters.get(script)
    if converter is None:
        with _building:
            converter = _converters.get(script)
            if converter is None:
                converter = _converters[script] = opencc.OpenCC(f"{script}.json")
    return converter


# Runs of the content are short (median 22 characters, the longest 160): cached up to this length, so a flood of
# long texts from users cannot fill memory (at most ~20 MB). OpenCC takes ~2 us a character; the cache ~0.1 us.
CACHED_RUN = 256


def _convert(script: str, run: str) -> str:
    converted = _converter(script).convert(run)
    return converted.translate(AFTER[script]) if script in AFTER else converted


_convert_cached = lru_cache(maxsize=16384)(_convert)


def _convert_run(script: str, run: str) -> str:
    return _convert_cached(script, run) if len(run) <= CACHED_RUN else _convert(script, run)


def script_of(lang: str, region: str) -> str | None:
    """The OpenCC configuration for a reader of `lang` in `region`, None when the text stays as written."""
    return SCRIPTS.get(region) if lang == "zh" else None


def to_script(text: str, script: str | None) -> str:
    """`text` converted by OpenCC configuration `script` (None: unchanged); ASCII passes through untouched."""
    if script is None or not text or text.isascii():
        return text
    return CONVERTIBLE.sub(lambda run: _convert_run(script, run.group()), text)


def for_reader(text: str, reader) -> str:
    """Rendered content as `reader` (an Audience: .lang, .region) reads it: Traditional Chinese for Chinese
    readers in Hong Kong (s2hk) and Taiwan (s2twp), unchanged for everyone else."""
    return to_script(text, script_of(reader.lang, reader.region))
