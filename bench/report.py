"""bench/results.json as Markdown tables (bench/results.md, README.md), and the issue's targets met or missed."""

from __future__ import annotations

import re
from pathlib import Path

README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
SHIPPED, DEFAULT, KEYWORDS = "shipped: TF-IDF + LR (config.yml)", "rasa default (DIET)", "keyword matcher"


def _range(spread: dict | None, unit: str = "") -> str:
    if not spread:
        return "—"
    return f"{spread['median']}{unit} ({spread['min']}–{spread['max']})"


def _get(summary: dict, *keys: str) -> dict | None:
    """summary[k1][k2]...; None where the run has no such number (no turn answered, an older results.json)."""
    for key in keys:
        if not isinstance(summary, dict) or key not in summary:
            return None
        summary = summary[key]
    return summary


def _median(spread: dict | None) -> float | None:
    return None if spread is None else spread["median"]


def targets(results: dict) -> list[dict]:
    """The targets on this machine (issue 16's speed, issue 7's training, memory and accuracy), each with what was
    measured (medians over the repeats; "none unanswered": the most over the repeats) and the echo bot's figure
    from the same run where there is one."""
    e2e = results["end_to_end"]
    bot, echo = e2e["bot"]["summary"], e2e["echo"]["summary"]
    rasa_mb = max(
        [v for k, v in e2e["peak_rss_mb"].items() if "rasa" in k] + [results["cold_start"]["peak_mb"]["rasa"]]
    )
    cold = results["cold_start"]

    def both(*keys: str, pick=_median) -> tuple:
        return pick(_get(bot, *keys)), pick(_get(echo, *keys))

    def most(spread: dict | None) -> float | None:
        return None if spread is None else spread["max"]

    rows = [
        ("p50 first reply, default send cap, 20 msg/s over 500 chats", "≤ 150 ms",
         *both("capped_20", "first_reply_ms", "p50"), 150, "ms"),
        ("p99 first reply, default send cap, 20 msg/s over 500 chats", "≤ 1,000 ms",
         *both("capped_20", "first_reply_ms", "p99"), 1000, "ms"),
        (f"messages without a reply {e2e['grace_s']:.0f} s after the last, default cap, 20 msg/s (most in a repeat)",
         "none", *both("capped_20", "unanswered", pick=most), 0, ""),
        ("p50 first reply, cap off, 50 msg/s over 1,000 chats", "≤ 15 ms", *both("load_50", "first_reply_ms", "p50"),
         15, "ms"),
        ("p99 first reply, cap off, 50 msg/s over 1,000 chats", "≤ 50 ms", *both("load_50", "first_reply_ms", "p99"),
         50, "ms"),
        ("saturation, cap off, 1,000 messages at once", "≥ 250 msg/s", *both("burst", "messages_per_second"),
         -250, "msg/s"),
        ("the bot process's CPU per message at saturation", "≤ 5 ms",
         _median(_get(bot, "burst", "cpu_ms_per_message", "bot")),
         _median(_get(echo, "burst", "cpu_ms_per_message", "echo bot")), 5, "ms"),
        ("cold start, bot and its Rasa: /start answered", "≤ 8 s", _median(cold.get("command_seconds")),
         _median(cold.get("echo_seconds")), 8, "s"),
        ("cold start, bot and its Rasa: a scam story answered", "≤ 8 s", _median(cold["seconds"]),
         _median(cold.get("echo_seconds")), 8, "s"),
        ("bot restart beside a running Rasa service: a scam story answered", "≤ 8 s",
         _median(cold.get("service_seconds")), _median(cold.get("echo_seconds")), 8, "s"),
        ("training from scratch", "≤ 60 s", results["training"]["seconds"]["median"], None, 60, "s"),
        ("resident memory per Rasa process", "≤ 800 MB", rasa_mb, None, 800, "MB"),
    ]  # fmt: skip
    accuracy = results.get("accuracy") or {}
    if SHIPPED in accuracy and DEFAULT in accuracy:
        ours, theirs = accuracy[SHIPPED]["blind"]["macro_f1"], accuracy[DEFAULT]["blind"]["macro_f1"]
        rows.append(("macro-F1 on the blind held-out file", f"≥ Rasa default ({theirs:.3f})", ours, None, -theirs, ""))
    rows += _ocr_targets(results.get("ocr"))
    return [
        {
            "target": name,
            "wanted": wanted,
            "measured": value,
            "echo": echo_value,
            "unit": unit,
            "met": value is not None and (value >= -limit if limit < 0 else value <= limit),
        }
        for name, wanted, value, echo_value, limit, unit in rows
    ]


def _ocr_targets(ocr: dict | None) -> list[tuple]:
    """Issue 17's screenshot targets: characters read right on clean generated screenshots in each script, the
    scam type of held-out scam messages drawn as screenshots, seconds per image (the slower set's p95)."""
    if not ocr:
        return []
    clean = ocr["tuned"]["shipped, clean"]
    held_out = ocr["held_out"]
    seconds = max(clean["seconds"]["p95_s"], held_out["seconds"]["p95_s"])
    rows = [(f"characters read right, clean generated screenshots, {script}", "≥ 0.95", figures["mean"], None, -0.95,
             "") for script, figures in clean["accuracy"].items()]  # fmt: skip
    rows.append(("scam type right on screenshots of the blind held-out scam messages", "≥ 0.90",
                 held_out["screenshot_right_rate"], None, -0.90, ""))  # fmt: skip
    rows.append(("seconds per screenshot read, p95", "< 2 s", seconds, None, 2, "s"))
    return rows


def _ocr_lines(ocr: dict | None) -> list[str]:
    """The screenshots' table (bench/ocr.py)."""
    if not ocr:
        return []
    scripts = ("zh-Hans", "zh-Hant", "en")
    lines = [
        "",
        f"**Screenshots** read with Tesseract (bench/ocr.py, {ocr['cores']} cores): the share of characters read "
        f"right (mean over the images, lowest in brackets) and seconds per image. The generated set "
        f"(tests/data/screenshot_texts.yml, {ocr['seeds']} seeds each) is the one the reading was tuned on; a "
        f"Telegram photo is the screenshot shrunk to {ocr['telegram_scale']:g} and saved as JPEG 85.",
        "",
        "| screenshots | images | " + " | ".join(scripts) + " | s median / p95 |",
        "|---|---|---|---|---|---|",
    ]
    sets = {f"generated, {name}": figures for name, figures in ocr["tuned"].items()}
    if "quiz" in ocr:
        sets["quiz scam messages (development set), shipped"] = ocr["quiz"]
    sets["blind held-out scam messages, shipped"] = ocr["held_out"]
    for name, figures in sets.items():
        accuracy = figures["accuracy"]
        cells = [f"{accuracy[s]['mean']:.3f} ({accuracy[s]['lowest']:.2f})" if s in accuracy else "—" for s in scripts]
        seconds = figures["seconds"]
        lines.append(f"| {name} | {seconds['images']} | " + " | ".join(cells)
                     + f" | {seconds['median_s']} / {seconds['p95_s']} |")  # fmt: skip
    lines.append("")
    for name, key in (("the quiz (the development set)", "quiz"), ("the blind held-out file", "held_out")):
        if key in ocr:
            counts = ocr[key]
            lines.append(
                f"Scam type of the {counts['scam_messages']} scam messages of {name} drawn as screenshots: right "
                f"against the label for {counts['screenshot_right']} ({counts['screenshot_right_rate']:.1%}; typed: "
                f"{counts['typed_right']}, {counts['typed_right_rate']:.1%}), the same as the typed text's for "
                f"{counts['same_as_typed']} ({counts['same_as_typed_rate']:.1%}); no text read from "
                f"{counts['screenshot_no_text']}."
            )
    return lines


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "":
        return f"{value:.3f}" if isinstance(value, float) and value < 1 else f"{value:g}"
    return f"{value} {unit}"


def markdown(results: dict) -> str:
    m = results["machine"]
    e2e = results["end_to_end"]
    load_average = e2e.get("load_average", {})
    lines = [
        f"Measured by `make bench` on {m['date']}: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, "
        f"Python {m['python']}. Each step, when it last ran (steps not run are kept from the run before) and "
        "its minutes: "
        + "; ".join(
            f"{step} {results.get('ran_on', {}).get(step, 'an earlier run')}"
            + (f", {results['minutes'][step]} min" if step in results.get("minutes", {}) else "")
            for step in ("accuracy", "end_to_end", "replicas", "cold_start", "training", "ocr")
            if step in results
        )
        + f". End to end: {_repeats(e2e.get('repeats', 3))}, timings the median of the repeats (lowest–highest); "
        f"the machine is shared, load average (1 min) {_loads(load_average)}.",
        "",
        "| target | wanted | bot | echo bot, same run | met |",
        "|---|---|---|---|---|",
    ]
    for t in results["targets"]:
        lines.append(
            f"| {t['target']} | {t['wanted']} | {_value(t['measured'], t['unit'])} | "
            f"{_value(t.get('echo'), t['unit'])} | {'yes' if t['met'] else '**no**'} |"
        )
    met = [t["target"] for t in results["targets"] if t["met"]]
    missed = [t["target"] for t in results["targets"] if not t["met"]]
    lines += [
        "",
        f"**Met: {len(met)} of {len(results['targets'])}** ({'; '.join(met) or 'none'}). "
        f"**Not met**: {'; '.join(missed) or 'none'}.",
    ]

    accuracy = results.get("accuracy") or {}
    if accuracy:
        lines += [
            "",
            "**Accuracy** on the blind held-out file (tests/data/heldout_blind.yml, 284 messages):",
            "",
            "| pipeline | macro-F1 | `none` flagged as scam | paid recall | money right | parse p50 ms | train s |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, r in accuracy.items():
            b = r["blind"]
            lines.append(
                f"| {name} | {b['macro_f1']:.3f} | {b['none_false_alarm_rate']:.1%} | {b['paid_recall']:.1%} "
                f"| {b['money_accuracy']:.1%} | {r['parse_ms_p50']} | {r['train_seconds']} |"
            )
        types = sorted(next(iter(accuracy.values()))["blind"]["per_label"])
        lines += ["", "| scam type (P / R / F1) | " + " | ".join(accuracy) + " |", "|---" * (len(accuracy) + 1) + "|"]
        for label in types:
            cells = []
            for r in accuracy.values():
                s = r["blind"]["per_label"][label]
                cells.append(f"{s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}")
            lines.append(f"| {label} | " + " | ".join(cells) + " |")

    bot, echo = e2e["bot"]["summary"], e2e["echo"]["summary"]
    grace = f"{e2e['grace_s']:.0f}"
    lines += [
        "",
        "**End to end**: update handed to the bot (its getUpdates answer) → first `sendMessage` for it at the fake "
        "Bot API, for the bot (one bot process, one Rasa server, as shipped) and for a plain python-telegram-bot "
        "echo bot (bench/echo_bot.py) in the same repeat, behind the same harness. Capped rows: the default send "
        f"cap (30 messages a second), replies counted {grace} s after the last message was offered; percentiles "
        "over the answered messages.",
        "",
        "| scenario | send cap | p50 ms bot | p50 ms echo | p99 ms bot | p99 ms echo | unanswered bot / echo "
        "| bot's last reply p50 / p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    scenarios = [("single", "one chat at a time", "off")]
    scenarios += [(f"load_{r}", f"{r} msg/s, 1,000 chats", "off") for r in (20, 50, 100)]
    scenarios += [(f"capped_{c['rate']}", f"{c['rate']} msg/s, {c['chats']:,} chats", "30/s") for c in e2e["capped"]]
    for scenario, label, cap in scenarios:
        last = _get(bot, scenario, "last_reply_ms") or {}
        lines.append(
            f"| {label} | {cap} | {_range(_get(bot, scenario, 'first_reply_ms', 'p50'))} "
            f"| {_range(_get(echo, scenario, 'first_reply_ms', 'p50'))} "
            f"| {_range(_get(bot, scenario, 'first_reply_ms', 'p99'))} "
            f"| {_range(_get(echo, scenario, 'first_reply_ms', 'p99'))} "
            f"| {_median(_get(bot, scenario, 'unanswered')):g} / {_median(_get(echo, scenario, 'unanswered')):g} "
            f"| {_median(last.get('p50'))} / {_median(last.get('p99'))} |"
        )
    lines += [
        "",
        "Capped runs after the window: the backlog left to drain (every message answered, then 2 s without a send).",
        "",
        "| scenario | unanswered at the window's end, bot / echo | backlog drained, s after the last message, bot "
        "/ echo | unanswered after draining, bot / echo |",
        "|---|---|---|---|",
    ]
    for c in e2e["capped"]:
        scenario = f"capped_{c['rate']}"
        lines.append(
            f"| {c['rate']} msg/s, {c['chats']:,} chats | {_range(_get(bot, scenario, 'unanswered'))} / "
            f"{_range(_get(echo, scenario, 'unanswered'))} | {_range(_get(bot, scenario, 'drained_after_s'))} / "
            f"{_range(_get(echo, scenario, 'drained_after_s'))} | "
            f"{_median(_get(bot, scenario, 'unanswered_after_drain')):g} / "
            f"{_median(_get(echo, scenario, 'unanswered_after_drain')):g} |"
        )

    lines += [
        "",
        "**Throughput at saturation** (cap off, 1,000 messages at once; from the first arrival to the last reply):",
        "",
        "| setup | messages a second |",
        "|---|---|",
        f"| 1 bot + 1 Rasa, SQLite (as shipped) | {_range(bot['burst']['messages_per_second'])} |",
        f"| echo bot, same run | {_range(echo['burst']['messages_per_second'])} |",
    ]
    for r in (results.get("replicas") or {}).values():
        lines.append(
            f"| {r['bot_workers']} bot worker(s) + {r['rasa_servers']} Rasa server(s), PostgreSQL + Redis "
            f"+ nginx (replicas step) | {_range(r['messages_per_second'])} |"
        )
    lines += [
        "",
        "CPU milliseconds per message at saturation, by process (median of the repeats, from /proc): bot run: "
        + ", ".join(f"{name} {_range(ms)}" for name, ms in bot["burst"]["cpu_ms_per_message"].items())
        + "; echo run: "
        + ", ".join(f"{name} {_range(ms)}" for name, ms in echo["burst"]["cpu_ms_per_message"].items())
        + '. "everything else" is the rest of the machine\'s busy time meanwhile: other work on the shared machine.',
    ]

    cold, training = results["cold_start"], results["training"]
    memory = {**e2e["peak_rss_mb"]}
    for r in (results.get("replicas") or {}).values():
        memory.update({f"{k} (replicas)": v for k, v in r["peak_rss_mb"].items()})
    lines += [
        "",
        f"**Cold start** (`python -m bot run`, Rasa started by it, with /start and a scam story waiting): /start "
        f"answered in {_range(cold.get('command_seconds'), ' s')}, the story's answer (the money question) in "
        f"{_range(cold['seconds'], ' s')}; a bot restart beside a running Rasa service (RASA_URL) to the story's "
        f"answer: {_range(cold.get('service_seconds'), ' s')}; the echo bot's (`python -m bench.echo_bot`): "
        f"{_range(cold.get('echo_seconds'), ' s')}. **Training** from scratch: {_range(training['seconds'], ' s')}.",
        "",
        "**Peak resident memory** (MB): "
        + ", ".join(f"{k} {v}" for k, v in memory.items())
        + f"; training {training['peak_mb']}.",
    ]
    lines += _ocr_lines(results.get("ocr"))
    return "\n".join(lines) + "\n"


def _repeats(repeats: int) -> str:
    if repeats == 3:
        return "3 repeats"
    return f"{repeats} repeat(s), not 3 (`--repeats {repeats}`, to keep the step near 25 minutes)"


def _loads(load_average: dict) -> str:
    if not load_average:
        return "not recorded"
    return f"{load_average['start'][0]} at the start of the end-to-end step, {load_average['end'][0]} at its end"


def into_readme(readme: Path, tables: str) -> None:
    """Replaces what is between the bench markers in the README with the new tables."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        raise RuntimeError(f"{readme} has no {README_START} ... {README_END} section for the results")
    readme.write_text(pattern.sub(lambda _: f"{README_START}\n{tables}{README_END}", text), encoding="utf-8")
