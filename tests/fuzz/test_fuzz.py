"""The fuzzing harness in the test suite.

``pytest -m fuzz -p no:xdist -q`` (CI, .ci/run): a seeded run of 300 mutants and the process
faults that are ready (see faults.SCENARIOS). The units below it run in the default selection:
mutants are reproducible from (seed, index), and the classification and the bisection catch
what they must (a harness that cannot fail would prove nothing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import faults, run
from .campaign import run_campaign
from .sources import Mutant

CI_SEED = 20261202
CI_MUTANTS = 300


def _save_folder(tmp_path: Path) -> Path:
    return Path(os.environ.get("CLUSTERCTL_FUZZ_SAVE", tmp_path / "failures"))


@pytest.mark.fuzz
def test_seeded_mutants_get_a_clean_finding_or_verdict(tmp_path: Path) -> None:
    save = _save_folder(tmp_path)
    result = run_campaign(CI_MUTANTS, CI_SEED, save, tmp_path / "work", fault_scenarios="none")
    assert len(result.outcomes) == CI_MUTANTS
    assert {o.family for o in result.outcomes} >= set(run.FAMILIES) - {"names"}
    shown = "\n".join(f"{o.name} [{o.family}] {o.kind}: {o.detail} ({o.note})"
                      for o in result.failures[:20])  # fmt: skip
    assert not result.failures, f"saved to {save}:\n{shown}\n{result.table()}"


@pytest.mark.fuzz
def test_process_faults_are_answered_cleanly(tmp_path: Path) -> None:
    outcomes = faults.run_scenarios(tmp_path, ci_only=True)
    assert len(outcomes) == sum(s.ci for s in faults.SCENARIOS)
    failures = [o for o in outcomes if o.kind not in run.OK_KINDS]
    assert not failures, "\n".join(f"{o.name}: {o.kind}: {o.detail}" for o in failures)


def test_mutants_are_reproducible_from_seed_and_index() -> None:
    first = list(run.generate(24, 5))
    again = list(run.generate(24, 5))
    assert [(m.name, m.data) for m in first] == [(m.name, m.data) for m in again]
    assert len({m.data for m in first if m.family != "names"}) >= len(first) - 3  # mutated
    other = list(run.generate(24, 6))
    assert [m.data for m in other] != [m.data for m in first]


def _mutant(name: str) -> Mutant:
    return Mutant(name.encode(), b"PK", "test", "")


def test_classification_flags_every_kind_of_failure() -> None:
    rows = {
        b"ok.xlsx": {"readable": True, "findings": []},
        b"refused.xlsx": {"readable": False, "findings": [{"code": "F104"}]},
        b"bug.xlsx": {"readable": False, "findings": [{"code": "F199"}]},
        b"died.xlsx": {"readable": False, "findings": [{"code": "F118"}]},
        b"slow.xlsx": {"readable": False, "findings": [{"code": "F116"}]},
        b"silent.xlsx": {"readable": False, "findings": []},
    }
    names = [*(n.decode() for n in rows), "missing.xlsx"]
    found = run._classify(rows, [_mutant(n) for n in names], "screen")
    kinds = {name.decode(): kind for name, (kind, _) in found.items()}
    assert kinds == {
        "ok.xlsx": "clean",
        "refused.xlsx": "finding",
        "bug.xlsx": "traceback",
        "died.xlsx": "crash",
        "slow.xlsx": "hang",
        "silent.xlsx": "bad output",
        "missing.xlsx": "bad output",
    }


def test_bisection_pins_a_batch_failure_on_its_mutant(tmp_path: Path) -> None:
    mutants = [_mutant(f"{i:02d}.xlsx") for i in range(13)]
    calls = []

    def step(folder: Path, part: list[Mutant]) -> dict:
        calls.append(len(part))
        assert sorted(os.listdir(folder)) == sorted(m.name.decode() for m in part)
        if any(m.name == b"07.xlsx" for m in part):
            return {b"": ("traceback", "boom")}
        return {m.name: ("clean", "") for m in part}

    found = run._bisect(mutants, tmp_path, step, ("traceback", "boom"))
    assert found[b"07.xlsx"] == ("traceback", "boom")
    assert all(found[m.name][0] == "clean" for m in mutants if m.name != b"07.xlsx")
    assert len(calls) <= 2 * 4  # two halves per level, log2(13) levels


def test_a_summary_with_a_formula_or_a_nonchar_is_bad_output(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "=1+1"
    wb.save(tmp_path / "formula.xlsx")
    assert "formula" in run._summary_failure(tmp_path / "formula.xlsx")
    wb.active["A1"] = "a\ufffeb"
    wb.save(tmp_path / "nonchar.xlsx")
    assert "summary" in run._summary_failure(tmp_path / "nonchar.xlsx")
    wb.active["A1"] = "fine"
    wb.save(tmp_path / "fine.xlsx")
    assert run._summary_failure(tmp_path / "fine.xlsx") is None
