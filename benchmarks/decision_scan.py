"""Decision scan: what a change does to ordinary traffic (not a test, not a speed check).

Run:  python benchmarks/decision_scan.py scan OUT.jsonl [--per-file 800]
      python benchmarks/decision_scan.py compare A.jsonl B.jsonl [--show now_declined]

`scan` runs the engine on up to `--per-file` prompts of every dataset in ../shared/data and
every top-level file of data/written (24,328 rows on 2026-12-05, about a minute) and writes one
line per prompt: file, id, label, the contract fields and the first 300 characters. `compare`
joins two scans by file and id and counts the decisions that changed, by direction (now
declined, now helped, same side) and by label; `--show` prints up to 80 of one direction.
Fewer false refusals come first: benign rows newly declined are what a change must not add.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELPS = {"comply", "comply_with_note"}
FIELDS = ("action", "kind", "category", "flagged", "score", "error")


def scan(out: Path, data: Path, written: Path, per_file: int) -> int:
    from tactful.engine import Engine

    engine = Engine.default()
    files = sorted(data.glob("*.jsonl")) + sorted(written.glob("*.jsonl"))
    n = 0
    with out.open("w", encoding="utf-8") as sink:
        for path in files:
            taken = 0
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if taken >= per_file:
                        break
                    row = json.loads(line)
                    prompt = row.get("prompt")
                    if not isinstance(prompt, str) or not prompt.strip():
                        continue
                    taken += 1
                    record = engine.screen_one({"id": row.get("id"), "prompt": prompt})
                    line_out = {
                        "file": path.name,
                        "id": row.get("id"),
                        "label": row.get("label"),
                        "prompt": prompt[:300],
                        **{k: record.get(k) for k in FIELDS},
                    }
                    sink.write(json.dumps(line_out) + "\n")
                    n += 1
    return n


def _load(path: Path) -> dict[tuple[str, str], dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return {(r["file"], str(r["id"])): r for r in map(json.loads, fh)}


def compare(a: Path, b: Path, show: str | None) -> Counter[tuple[str, str]]:
    before, after = _load(a), _load(b)
    counts: Counter[tuple[str, str]] = Counter()
    shown = 0
    for key, ra in before.items():
        rb = after.get(key)
        if rb is None or (ra["action"], ra["flagged"]) == (rb["action"], rb["flagged"]):
            continue
        helped_a, helped_b = ra["action"] in HELPS, rb["action"] in HELPS
        side = "same_side" if helped_a == helped_b else "now_helped" if helped_b else "now_declined"
        counts[(side, str(ra["label"]))] += 1
        if side == show and shown < 80:
            shown += 1
            print(
                f"{key[0]}:{key[1]} [{ra['label']}] {ra['action']}/{ra['category']}/"
                f"{ra['score']:.2f} -> {rb['action']}/{rb['category']}/{rb['score']:.2f} | "
                f"{str(ra['prompt'])[:140]!r}"
            )
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scan")
    s.add_argument("out", type=Path)
    s.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    s.add_argument("--written", type=Path, default=ROOT / "data" / "written")
    s.add_argument("--per-file", type=int, default=800)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", choices=["now_declined", "now_helped", "same_side"])
    args = ap.parse_args()
    if args.command == "scan":
        print(scan(args.out, args.data, args.written, args.per_file), "rows")
    else:
        counts = compare(args.a, args.b, args.show)
        print(sum(counts.values()), "changed;", dict(counts))


if __name__ == "__main__":
    main()
