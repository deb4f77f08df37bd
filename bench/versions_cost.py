"""What knowing more OCPI versions costs a run of one: the same CPO or eMSP run against
extrawest-ocpi by this checkout's harness (A) and by another checkout's (B, the commit before
the version-aware work), in turn, A B A B ..., each against a freshly started target (a run
spends its token A, so a target serves one run). A benchmark, never a test.

    git worktree add --detach /tmp/before f8f554e  # before the work of issues #21-#23
    python bench/versions_cost.py /tmp/before --role cpo --runs 5

Each harness runs as a user starts it, from its own source tree (so its package and its pytest
plugin are the ones imported) with this environment's packages; the figures are the harness
process's own (wall and CPU: bench/against_extrawest.timed), medians over the runs. (Not peak
RSS: RUSAGE_CHILDREN's maximum would include the targets this process reaped.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.against_extrawest import TOKEN_A, timed  # noqa: E402
from tests.targets import extrawest  # noqa: E402


def one_run(tree: Path, role: str) -> dict[str, float]:
    """One run of the harness in `tree` against a fresh target; both test 2.2.1, the highest
    version both sides speak (and the only one the older checkout knows)."""
    with extrawest.start(role, TOKEN_A) as target, tempfile.TemporaryDirectory() as out:
        command = [
            "sh", "-c", 'cd "$1" && shift && exec "$@"', "-", str(tree), sys.executable, "-m",
            "ocpi_conformance.cli", "run", "--versions-url", target.versions_url, "--role", role,
            "--token-a", TOKEN_A, "--profile", "ci", "--output", out,
        ]  # fmt: skip
        done, cost = timed(command)
        doc = json.loads((Path(out) / "results.json").read_text(encoding="utf-8"))
    return {**cost, "exit": done.returncode, "cases": len(doc["cases"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path, help="the other checkout (B)")
    parser.add_argument("--role", default="cpo")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    trees = {"A": ROOT, "B": args.before.resolve()}
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for _ in range(args.runs):
        for name, tree in trees.items():
            runs[name].append(one_run(tree, args.role))
    for name, found in runs.items():
        medians = {k: statistics.median(r[k] for r in found) for k in ("wall_s", "cpu_s")}
        exits = sorted({int(r["exit"]) for r in found})
        print(f"{name} {trees[name]}: {medians} exits {exits} "
              f"cases {found[0]['cases']}")  # fmt: skip
    for key in ("wall_s", "cpu_s"):
        ratios = [a[key] / b[key] for a, b in zip(runs["A"], runs["B"], strict=True)]
        print(f"A/B {key}: median {statistics.median(ratios):.3f} (pairs: "
              f"{', '.join(f'{r:.2f}' for r in ratios)})")  # fmt: skip


if __name__ == "__main__":
    main()
