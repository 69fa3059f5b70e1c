"""Compares NLU pipelines on the held-out files: accuracy, parse latency, train time, load time, memory.

Runs in the Rasa environment: `make nlu-bench`. Each Rasa candidate is trained (NLU only) into bench/work/, then
evaluated in a fresh process so load time and peak memory belong to that model alone. The keyword matcher
(bench/keyword_matcher.py) is the no-learning baseline: nothing to train, evaluated the same way so its
figures sit beside the others. Accuracy per held-out file: macro-F1, `none` false alarms, money detection and,
per scam type, precision, recall, F1 and support. Results go to bench/nlu_pipelines.json (or --json-out) and
the Markdown tables to the same name with .md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common.evaluation import score  # noqa: E402
from common.labels import LABELS, MONEY_SENT, aggregate_ranking  # noqa: E402

WORK = ROOT / "bench" / "work"
# heldout_third_party.yml is public text no one here wrote (nlu_data/SOURCES.md): the measure that tells users
# how the bot does on real-world text. heldout_blind*.yml were written blind and never looked at while choosing
# anything; heldout.yml guided development (its errors were looked at).
THIRD_PARTY = ROOT / "tests" / "data" / "heldout_third_party.yml"
# Name -> (file, split): the third-party file's validation third may guide choices, its test two thirds are the
# measure; the other files are read whole (split None).
HELDOUT_FILES = {
    "third-party test": (THIRD_PARTY, "test"),
    "third-party validation": (THIRD_PARTY, "validation"),
    "blind": (ROOT / "tests" / "data" / "heldout_blind.yml", None),
    "blind2": (ROOT / "tests" / "data" / "heldout_blind2.yml", None),
    "dev": (ROOT / "tests" / "data" / "heldout.yml", None),
}
# The baseline without learning: its "config" is the module itself, and it is never trained.
KEYWORD_MATCHER = ROOT / "bench" / "keyword_matcher.py"
CANDIDATES = {
    "shipped: TF-IDF + LR (config.yml)": ROOT / "config.yml",
    "rasa default (DIET)": ROOT / "bench" / "configs" / "rasa_default.yml",
    "Rasa LR on raw counts": ROOT / "bench" / "configs" / "rasa_count_lr.yml",
    "TF-IDF chars only, C=10": ROOT / "bench" / "configs" / "tfidf_chars_c10.yml",
    "TF-IDF chars only, C=30": ROOT / "bench" / "configs" / "tfidf_chars_c30.yml",
    "TF-IDF chars + words, C=30": ROOT / "bench" / "configs" / "tfidf_c30.yml",
    "keyword matcher": KEYWORD_MATCHER,
}
DEFAULT_JSON = ROOT / "bench" / "nlu_pipelines.json"


def train(config: Path) -> tuple[Path, float]:
    """Trains from scratch: an empty Rasa cache, or Rasa would restore unchanged components from an earlier run
    (.rasa/cache) and the time would be a cache lookup's."""
    out = WORK / config.stem
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", "nlu_data",
             "--out", str(out), "--fixed-model-name", config.stem],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "RASA_CACHE_DIRECTORY": cache},
        )  # fmt: skip
        return out / f"{config.stem}.tar.gz", time.perf_counter() - started


def load_rasa(model: Path) -> Callable[[str], Awaitable[dict]]:
    """Rasa's answer turned into the prediction common.evaluation.score expects, as the bot itself reads it."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse(text: str) -> dict:
        result = await agent.parse_message(text)
        label, confidence = aggregate_ranking(result.get("intent_ranking") or [])
        money = next((e["value"] for e in result.get("entities", []) if e["entity"] == "money_status"), None)
        return {"scam_type": label, "confidence": confidence, "money_sent": MONEY_SENT.get(money)}

    return parse


def load_keyword_matcher() -> Callable[[str], Awaitable[dict]]:
    """Same interface as load_rasa, so both are timed by the same loop (the keyword matcher never awaits)."""
    from bench.keyword_matcher import classify

    async def parse(text: str) -> dict:
        return classify(text)

    return parse


def evaluate(model: Path) -> dict:
    """In this process: load the model, parse every held-out message, report scores and costs.

    A message's latency covers getting its prediction (scam type, confidence, money), for every candidate.
    """
    import yaml

    logging.disable(logging.WARNING)
    started = time.perf_counter()
    parse = load_keyword_matcher() if model.resolve() == KEYWORD_MATCHER else load_rasa(model)
    load_seconds = time.perf_counter() - started

    async def parse_all(entries: list[dict]) -> tuple[list[dict], list[float]]:
        await parse("warm up")
        predicted, latencies = [], []
        for entry in entries:
            t0 = time.perf_counter()
            predicted.append(await parse(entry["text"]))
            latencies.append((time.perf_counter() - t0) * 1000)
        return predicted, latencies

    results: dict = {}
    latencies: list[float] = []
    for name, (path, split) in HELDOUT_FILES.items():
        if not path.exists():
            continue
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        if split is not None:
            entries = [e for e in entries if e["split"] == split]
        predicted, timings = asyncio.run(parse_all(entries))
        latencies += timings
        report = score(entries, predicted).as_dict()
        # Not report["errors"]: the blind file's texts stay out of the results, so nobody tunes on them.
        results[name] = {
            "macro_f1": report["macro_f1"],
            "none_false_alarm_rate": report["none_false_alarm_rate"],
            "money_accuracy": report["money_accuracy"],
            "paid_recall": report["paid_recall"],
            "false_paid_rate": report["false_paid_rate"],
            # label -> precision, recall, f1, support (messages of that label in the file)
            "per_label": report["per_label"],
        }
    latencies.sort()
    return {
        **results,
        "parse_ms_p50": round(statistics.median(latencies), 2),
        "parse_ms_p95": round(latencies[int(len(latencies) * 0.95) - 1], 2),
        "load_seconds": round(load_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def markdown(results: dict) -> str:
    """Summary table (every candidate, both files), then per-type F1 on the blind file, the fair measure."""
    rows = [
        "| pipeline | held-out | macro-F1 | `none` flagged | money right | paid recall | paid where nobody paid "
        "| parse p50 / p95 ms | train s | load s | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        for heldout in HELDOUT_FILES:
            if heldout not in r:
                continue
            h = r[heldout]
            rows.append(
                f"| {name} | {heldout} | {h['macro_f1']:.3f} | {h['none_false_alarm_rate']:.1%} | "
                f"{h['money_accuracy']:.1%} | {h['paid_recall']:.1%} | {h['false_paid_rate']:.1%} | "
                f"{r['parse_ms_p50']} / {r['parse_ms_p95']} | "
                f"{r['train_seconds']} | {r['load_seconds']} | {r['peak_rss_mb']} |"
            )
    for heldout, what in (("third-party test", "recall"), ("blind", "f1"), ("blind2", "f1")):
        rows += _per_type(results, heldout, what)
    return "\n".join(rows) + "\n"


def _per_type(results: dict, heldout: str, what: str) -> list[str]:
    """One held-out file's per-type figure (recall or F1) for every candidate."""
    per_type = {name: r[heldout]["per_label"] for name, r in results.items() if heldout in r}
    if not per_type:
        return []
    support = next(iter(per_type.values()))
    rows = [
        "",
        f"{'Recall' if what == 'recall' else 'F1'} per scam type on {heldout} (support: messages of that type):",
        "",
        "| scam type | support | " + " | ".join(per_type) + " |",
        "|---|---|" + "---|" * len(per_type),
    ]
    # score() lists the labels present in the file, the same for every candidate.
    for label in (label for label in LABELS if label in support):
        figures = " | ".join(f"{per_label[label][what]:.3f}" for per_label in per_type.values())
        rows.append(f"| {label} | {support[label]['support']} | {figures} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--evaluate", help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", help="candidate name substring to run (repeatable)")
    parser.add_argument(
        "--json-out", type=Path, default=DEFAULT_JSON,
        help="where the results go (default bench/nlu_pipelines.json); the Markdown tables go beside it, .md",
    )  # fmt: skip
    args = parser.parse_args()
    if args.evaluate:
        print(json.dumps(evaluate(Path(args.evaluate))))
        return 0

    results = {}
    for name, config in CANDIDATES.items():
        if args.only and not any(part in name for part in args.only):
            continue
        if config == KEYWORD_MATCHER:
            model, train_seconds = config, 0.0
        else:
            print(f"training {name} ...", file=sys.stderr, flush=True)
            model, train_seconds = train(config)
        print(f"evaluating {name} ...", file=sys.stderr, flush=True)
        output = subprocess.run(
            [sys.executable, __file__, "--evaluate", str(model)],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        results[name] = {"config": str(config.relative_to(ROOT)), "train_seconds": round(train_seconds, 1),
                         **json.loads(output.strip().splitlines()[-1])}  # fmt: skip
        print(json.dumps(results[name]), file=sys.stderr, flush=True)
    if not results:
        parser.error(f"--only matched no candidate; candidates: {', '.join(CANDIDATES)}")

    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(results, indent=2) + "\n")
    table = markdown(results)
    args.json_out.with_suffix(".md").write_text(table)
    print(table, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
