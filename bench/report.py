"""bench/results.json as Markdown tables (bench/results.md, README.md), and the issue's targets met or missed."""

from __future__ import annotations

import re
from pathlib import Path

README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
SHIPPED, DEFAULT, KEYWORDS = "shipped: TF-IDF + LR (config.yml)", "rasa default (DIET)", "keyword matcher"


def _range(spread: dict, unit: str = "") -> str:
    return f"{spread['median']}{unit} ({spread['min']}–{spread['max']})"


def targets(results: dict) -> list[dict]:
    """The benchmark's targets on this machine, each with what was measured (medians over the repeats)."""
    e2e = results["end_to_end"]["summary"]
    at_50 = e2e["load_50"]["first_reply_ms"]
    rasa_mb = max(
        [v for k, v in results["end_to_end"]["peak_rss_mb"].items() if "rasa" in k]
        + [results["cold_start"]["peak_mb"]["rasa"]]
    )
    best = max(results["replicas"][k]["messages_per_second"]["median"] for k in results["replicas"])
    best = max(best, e2e["burst"]["messages_per_second"]["median"])
    rows = [
        ("p50 end to end at 50 msg/s over 1,000 chats", "≤ 15 ms", at_50["p50"]["median"], 15, "ms"),
        ("p99 end to end at 50 msg/s over 1,000 chats", "≤ 50 ms", at_50["p99"]["median"], 50, "ms"),
        ("sustained messages a second on this machine", "≥ 200", best, -200, "msg/s"),
        ("cold start to first reply", "≤ 10 s", results["cold_start"]["seconds"]["median"], 10, "s"),
        ("training from scratch", "≤ 60 s", results["training"]["seconds"]["median"], 60, "s"),
        ("resident memory per Rasa process", "≤ 800 MB", rasa_mb, 800, "MB"),
    ]
    accuracy = results.get("accuracy") or {}
    if SHIPPED in accuracy and DEFAULT in accuracy:
        ours, theirs = accuracy[SHIPPED]["blind"]["macro_f1"], accuracy[DEFAULT]["blind"]["macro_f1"]
        rows.append(("macro-F1 on the blind held-out file", f"≥ Rasa default ({theirs:.3f})", ours, -theirs, ""))
    return [
        {
            "target": name,
            "wanted": wanted,
            "measured": value,
            "unit": unit,
            "met": value >= -limit if limit < 0 else value <= limit,
        }
        for name, wanted, value, limit, unit in rows
    ]


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Measured by `make bench` on {m['date']}: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, "
        f"Python {m['python']}. Minutes per step: "
        + ", ".join(f"{step} {minutes}" for step, minutes in results.get("minutes", {}).items())
        + ". Timings: median of the repeats (lowest–highest).",
        "",
        "| target | wanted | measured | met |",
        "|---|---|---|---|",
    ]
    for t in results["targets"]:
        value = f"{t['measured']:.3f}" if t["unit"] == "" else f"{t['measured']} {t['unit']}"
        lines.append(f"| {t['target']} | {t['wanted']} | {value} | {'yes' if t['met'] else '**no**'} |")

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

    e2e = results["end_to_end"]["summary"]
    lines += [
        "",
        "**End to end** (update handed to the bot → first `sendMessage` at the fake Bot API; in brackets: "
        "to the turn's last reply), one bot process and one Rasa server:",
        "",
        "| offered load | p50 ms | p95 ms | p99 ms | last reply p50 / p99 ms |",
        "|---|---|---|---|---|",
    ]
    scenarios = [("single", "one chat at a time")] + [(f"load_{r}", f"{r} msg/s, 1,000 chats") for r in (20, 50, 100)]
    for scenario, label in scenarios:
        s = e2e[scenario]
        first, last = s["first_reply_ms"], s["last_reply_ms"]
        lines.append(
            f"| {label} | {_range(first['p50'])} | {_range(first['p95'])} | {_range(first['p99'])} | "
            f"{last['p50']['median']} / {last['p99']['median']} |"
        )

    burst = results["end_to_end"]["runs"]["burst"]
    cpu = burst[len(burst) // 2]["cpu_ms_per_message"]
    lines += [
        "",
        "**Throughput at saturation** (1,000 messages at once):",
        "",
        "| setup | messages a second |",
        "|---|---|",
        f"| 1 bot + 1 Rasa, SQLite (as shipped) | {_range(e2e['burst']['messages_per_second'])} |",
    ]
    for r in results["replicas"].values():
        lines.append(
            f"| {r['bot_workers']} bot worker(s) + {r['rasa_servers']} Rasa server(s), PostgreSQL + Redis "
            f"+ nginx | {_range(r['messages_per_second'])} |"
        )
    lines += [
        "",
        "CPU milliseconds per message, by process (as shipped, middle run): "
        + ", ".join(f"{name} {ms}" for name, ms in cpu.items())
        + ".",
    ]

    cold, training = results["cold_start"], results["training"]
    memory = {**results["end_to_end"]["peak_rss_mb"]}
    for r in results["replicas"].values():
        memory.update({f"{k} (replicas)": v for k, v in r["peak_rss_mb"].items()})
    lines += [
        "",
        f"**Cold start** (`python -m bot run`, Rasa started by it, to the first reply): "
        f"{_range(cold['seconds'], ' s')}. **Training** from scratch: {_range(training['seconds'], ' s')}.",
        "",
        "**Peak resident memory** (MB): "
        + ", ".join(f"{k} {v}" for k, v in memory.items())
        + f"; training {training['peak_mb']}.",
    ]
    return "\n".join(lines) + "\n"


def into_readme(readme: Path, tables: str) -> None:
    """Replaces what is between the bench markers in the README with the new tables."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        raise RuntimeError(f"{readme} has no {README_START} ... {README_END} section for the results")
    readme.write_text(pattern.sub(lambda _: f"{README_START}\n{tables}{README_END}", text), encoding="utf-8")
