"""`python -m bot stats [--days N] [--png FILE] [--lang en|zh]`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bot.stats.chart import render_png
from bot.stats.report import build_report, check_days
from bot.stats.table import format_text
from bot.stats.words import stats_words


def run(
    database_url: str, content_dir: Path, days: int, png: str | None, language: str = "en", today: date | None = None
) -> int:
    """`python -m bot stats`: the table on stdout; with `png`, the chart written there (said on stderr)."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.content.loader import load_content
    from bot.content.yaml_lines import ContentError
    from bot.storage.database import make_engine, make_sessions, upgrade_schema

    try:
        check_days(days)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        words = stats_words(load_content(content_dir), language)
    except ContentError as error:
        print(f"error: content: {error}", file=sys.stderr)
        return 1
    engine = make_engine(database_url)
    try:
        upgrade_schema(engine)
        report = build_report(make_sessions(engine), days, today or date.today())
    except SQLAlchemyError as error:
        print(f"error: database: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(format_text(report, words))
    if png:
        path = Path(png)
        try:
            path.write_bytes(render_png(report, words))
        except OSError as error:
            print(f"error: cannot write the chart to {path}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"chart written to {path}", file=sys.stderr)
    return 0
