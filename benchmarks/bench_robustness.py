"""The robustness suite with and without the reading step (normalisation, wrappers, windows).

Run:  python -m benchmarks.bench_robustness [--data ../shared/data] [--n 200]

Prints, per transformation family, attack success (harmful let through), attack success given
the plain request is caught, and over-refusal on wrapped benign requests — for the engine as it
is and for the same engine with the reading step replaced by the identity — and writes
benchmarks/results/robustness.json. `tactful eval --robustness DATA` gives the first half alone.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    import tactful.engine as engine_module
    from tactful import Engine
    from tactful.detect.readings import Reading, read_message
    from tactful.evaluation.robustness import run_robustness

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    reports = {}
    for name, reader in (("with_reading", read_message), ("without_reading", Reading)):
        engine_module.read_message = reader  # type: ignore[assignment]
        engine = Engine(Engine.default().policy)  # a fresh cache for each variant
        reports[name] = run_robustness(engine, args.data, n=args.n, seed=args.seed)
    engine_module.read_message = read_message
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "robustness.json").write_text(json.dumps(reports, indent=2) + "\n")
    now, before = reports["with_reading"], reports["without_reading"]
    print(f"n = {now['n_harmful']} harmful, {now['n_benign']} benign; plain baseline: harmful "
          f"miss {now['baseline']['harmful_miss_rate']:.3f}, benign over-refusal "
          f"{now['baseline']['benign_over_refusal']:.3f}")  # fmt: skip
    print(f"{'family':14s} {'attack':>7s} {'|caught':>8s} {'over':>6s}   (without: attack, over)")
    for family, f in now["families"].items():
        b = before["families"][family]
        attack, caught = f["attack_success"], f["attack_success_given_caught"]
        print(f"{family:14s} {attack:7.3f} {caught:8.3f} {f['over_refusal']:6.3f}   "
              f"({b['attack_success']:.3f}, {b['over_refusal']:.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
