"""The screen's per-file work in the worker: what the parent stores is what it used to build."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterctl.batch.compact import row_from_report
from clusterctl.batch.crosscheck import row_keys
from clusterctl.batch.ranking import rank_rows
from clusterctl.batch.rows import FileRow
from clusterctl.batch.run import ScreenTransform, rendered_findings, run_batch
from clusterctl.batch.spool import FindingSpool, finding_dict, packed_row
from clusterctl.config.settings import Settings
from clusterctl.criteria.loader import resolve_pack
from clusterctl.diagnostics.order import sorted_findings
from clusterctl.evaluation.model import Verdict
from clusterctl.pipeline import Options, process_file
from clusterctl.reports.finding_cells import finding_cells

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def _record(report) -> dict:
    return {"path": report.path, "codes": [f.code for f in report.findings]}


def test_transform_gives_the_row_findings_record_and_keys_of_the_report() -> None:
    path = str(SAMPLES / "05-unit-mistakes.xlsx")
    settings = Settings(levels={"W301": "off"}, fail_on="warning")
    transform = ScreenTransform(settings, "en", _record, finding_cells)
    transform = pickle.loads(pickle.dumps(transform))  # as a spawned worker gets it
    report = process_file(path, Options())
    screened = transform(copy.deepcopy(report))
    bare = ScreenTransform(settings, "en")(copy.deepcopy(report))

    settings.apply(report)
    assert report.findings  # the sample has something to say
    expected = row_from_report(
        report, -1, resolve_pack(report.pack_id), "en", fails=settings.fails(report)
    )
    row = pickle.loads(screened.row[-1])
    assert row == expected
    assert screened.keys == (int(bool(expected.facts)), *row_keys(expected))
    assert screened.fails == expected.fails and screened.pack_id == expected.pack_id
    assert [json.loads(d) for d in screened.findings] == [
        finding_dict(f, "en") for f in sorted_findings(report.findings)
    ]
    assert json.loads(screened.record) == _record(report)
    assert screened.cells == [
        finding_cells(finding_dict(f, "en"), path, "en") for f in sorted_findings(report.findings)
    ]
    # without a renderer the worker leaves the cells to the summary; the rest is the same
    assert bare.cells is None and bare.findings == screened.findings and bare.row == screened.row


def test_spool_numbers_rendered_findings_after_the_earlier_ones() -> None:
    report = process_file(str(SAMPLES / "09-identifier-errors.xlsx"), Options())
    assert len(report.findings) >= 2
    with FindingSpool() as spool:
        first = rendered_findings(report.findings[:1], "zh")
        spool.add_rendered(3, first, [finding_cells(json.loads(first[0]), "a.xlsx", "zh")])
        spool.add_rendered(4, rendered_findings(report.findings[1:2], "zh"))  # in between
        spool.add(3, report.findings[1:2], "zh")
        spool.add_rendered(5, [])
        got = list(spool.of(3))
        stored = list(spool.rendered_of(3))  # cells as given; None where not rendered
        assert stored == [
            (finding_cells(got[0], "a.xlsx", "zh"), json.dumps(got[0])),
            (None, json.dumps(got[1])),
        ]
        assert [d["code"] for d in got] == [f.code for f in report.findings[:2]]
        assert [d["code"] for d in spool.of(4)] == [report.findings[1].code]
        assert spool.total == 3 and list(spool.of(5)) == []


def test_isolated_batch_matches_the_in_process_batch(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(SAMPLES.glob("0[1-6]*.xlsx"))]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    paths.append(str(bad))
    seen: list[str] = []
    results = []
    for isolate in (True, False):
        with FindingSpool() as spool:
            result = run_batch(
                paths,
                Options(),
                Settings(),
                spool,
                lang="en",
                jobs=2,
                on_report=lambda s: seen.append(s.path),
                isolate=isolate,
            )
            rows = [(r.index, r.rank, r.path, r.verdict, r.score, r.errors) for r in result.rows]
            found = [list(spool.of(r[0])) for r in rows]
            results.append((rows, found, result.rows.failing))
    assert results[0] == results[1]
    rows, found, failing = results[0]
    assert sorted(r[0] for r in rows) == list(range(len(paths)))
    assert [r[1] for r in rows] == list(range(1, len(paths) + 1))
    assert sorted(seen) == sorted(paths * 2)  # progress: once per file and run
    assert rows[-1][2] == str(bad) and found[-1] and failing >= 1


def test_a_path_given_twice_gets_two_rows(tmp_path: Path) -> None:
    one, other = str(SAMPLES / "01-eligible-beijing.xlsx"), str(tmp_path / "bad.xlsx")
    Path(other).write_bytes(b"not a workbook")
    paths = [one, other, one]
    with FindingSpool() as spool:
        result = run_batch(paths, Options(), Settings(), spool, lang="en", jobs=2)
        by_index = {r.index: r.path for r in result.rows}
    assert by_index == dict(enumerate(paths))


def test_spooled_rows_read_the_head_once_and_again_after_a_row_changed(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(SAMPLES.glob("0[1-4]*.xlsx"))]
    with FindingSpool() as spool:
        result = run_batch(paths, Options(), Settings(), spool, lang="zh", jobs=1, isolate=False)
        rows = result.rows
        first = list(rows)
        assert next(iter(rows)) is first[0]  # kept, not unpickled again
        assert rows[1] is first[1] and rows[:2] == first[:2]
        changed = first[0]
        changed.errors += 7
        spool.put_row(changed)
        again = list(rows)
        assert again[0] is not first[0] and again[0].errors == changed.errors
        assert [r.index for r in again] == [r.index for r in first]


# names whose order is easy to get wrong: case, casefold expanding (ß), CJK, a lone surrogate
NAMES = ["a.xlsx", "A.xlsx", "b.xlsx", "ß.xlsx", "SS.xlsx", "集群.xlsx", "\udcff.xlsx"]
SCORES = st.one_of(st.none(), st.sampled_from([0.0, 55.5, 80.0]), st.floats(-10, 100))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Verdict)), SCORES, st.sampled_from(NAMES), st.integers(0, 2)
        ),
        max_size=12,
    )
)
def test_the_spool_ranks_as_rank_rows(specs: list) -> None:
    """Screen ranks in SQL (:meth:`FindingSpool.rank`, by the stored ``rank_key``); the
    in-memory path (and the tests of the cross-checks) with :func:`rank_rows`: one order."""
    rows = [
        FileRow(i, f"in{folder}/{name}", None, None, verdict, score, None)
        for i, (verdict, score, name, folder) in enumerate(specs)
    ]
    with FindingSpool() as spool:
        for row in rows:
            spool.add_packed(row.index, packed_row(row))
        order = spool.rank()
    assert order == [row.index for row in rank_rows(list(rows))]
