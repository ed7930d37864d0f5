"""A campaign: mutants in batches, then the process faults; figures per family and outcome."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

from . import faults
from .run import OK_KINDS, Outcome, generate, run_batch, save

BATCH = 50


@dataclass(slots=True)
class Campaign:
    n: int
    seed: int
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind not in OK_KINDS]

    def table(self) -> str:
        """Mutants per family and outcome, as a Markdown table."""
        kinds = sorted({o.kind for o in self.outcomes}, key=lambda k: (k not in OK_KINDS, k))
        per: dict[str, Counter] = defaultdict(Counter)
        for o in self.outcomes:
            per[o.family][o.kind] += 1
        lines = ["| family | " + " | ".join(kinds) + " | total |"]
        lines.append("|---" * (len(kinds) + 2) + "|")
        for family in sorted(per):
            counts = per[family]
            cells = " | ".join(str(counts.get(k, 0)) for k in kinds)
            lines.append(f"| {family} | {cells} | {sum(counts.values())} |")
        totals = Counter(o.kind for o in self.outcomes)
        cells = " | ".join(str(totals.get(k, 0)) for k in kinds)
        lines.append(f"| **all** | {cells} | {len(self.outcomes)} |")
        return "\n".join(lines)


def run_campaign(
    n: int,
    seed: int,
    save_to: Path,
    work: Path | None = None,
    batch: int = BATCH,
    families: list[str] | None = None,
    fault_scenarios: str = "ci",  # "ci", "all" or "none"
    log=print,
) -> Campaign:
    """``n`` mutants of ``seed`` in batches of ``batch``, then the fault scenarios; failing
    mutants are saved to ``save_to``."""
    start = time.monotonic()
    result = Campaign(n, seed)
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="clusterctl-fuzz-")) if work is None else work
    try:
        mutants = generate(n, seed, families)
        index = 0
        while chunk := list(islice(mutants, batch)):
            outcomes = run_batch(chunk, work / "run", index)
            for mutant, outcome in zip(chunk, outcomes, strict=True):
                result.outcomes.append(outcome)
                if outcome.kind not in OK_KINDS:
                    save(outcome, mutant, save_to, seed)
            index += 1
            bad = sum(o.kind not in OK_KINDS for o in outcomes)
            log(f"batch {index}: {len(result.outcomes)}/{n} mutants, {bad} failing, "
                f"{time.monotonic() - start:.0f} s")  # fmt: skip
        if fault_scenarios != "none":
            for outcome in faults.run_scenarios(work / "faults", fault_scenarios == "ci"):
                result.outcomes.append(outcome)
                log(f"{outcome.name}: {outcome.kind} {outcome.detail[:100]}")
                if outcome.kind not in OK_KINDS:
                    save_to.mkdir(parents=True, exist_ok=True)
                    with open(save_to / "failures.jsonl", "a", encoding="utf-8") as fh:
                        record = {"seed": seed, **asdict(outcome)}
                        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    result.seconds = time.monotonic() - start
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="mutants (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=BATCH, help="mutants per CLI run")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"),
                        help="folder for failing mutants and failures.jsonl")  # fmt: skip
    parser.add_argument("--family", action="append", help="only these families (repeatable)")
    parser.add_argument("--faults", choices=("ci", "all", "none"), default="all",
                        help="process-fault scenarios: those in CI, all, or none")  # fmt: skip
    parser.add_argument("--report", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    result = run_campaign(args.n, args.seed, args.save, batch=args.batch,
                          families=args.family, fault_scenarios=args.faults)  # fmt: skip
    print(result.table())
    print(f"{len(result.outcomes)} outcomes in {result.seconds:.0f} s; "
          f"{len(result.failures)} failing (saved to {args.save})")  # fmt: skip
    if args.report:
        counts = Counter((o.family, o.kind) for o in result.outcomes)
        report = {
            "n": args.n, "seed": args.seed, "seconds": round(result.seconds, 1),
            "command": " ".join(["python -m tests.fuzz", *(argv or sys.argv[1:])]),
            "counts": [
                {"family": f, "kind": k, "count": c} for (f, k), c in sorted(counts.items())
            ],
            "failures": [asdict(o) for o in result.failures],
        }  # fmt: skip
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 1 if result.failures else 0
