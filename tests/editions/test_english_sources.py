"""--lang en shows no Chinese research notes: a criterion's source note (Chinese) becomes its
address and a pointer to --lang zh in `criteria show`, `rule` and the unconfirmed-threshold
sentence; Chinese keeps the note. Only the pack's source (a citation of a Chinese title) and
quoted clauses stay Chinese."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.criteria.loader import resolve_pack

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
runner = CliRunner()


@pytest.mark.parametrize("pack", ["national-2022", "shanghai-2024", "yunnan-2023", "jiangsu-2023"])
def test_criteria_show_in_english_has_no_chinese_notes(pack: str) -> None:
    result = runner.invoke(app, ["criteria", "show", pack, "--lang", "en"])
    assert result.exit_code == 0, result.output
    leaks = [line for line in result.stdout.splitlines() if CJK.search(line)]
    assert all(line.startswith("Source: ") for line in leaks), leaks
    assert "a note in Chinese (--lang zh)" in result.stdout
    level = {"national-2022": "county", "shanghai-2024": "district"}.get(pack)
    if level:
        assert f"({level})" in result.stdout.splitlines()[1]


def test_the_note_in_chinese_and_its_pointer_in_english() -> None:
    cr501 = resolve_pack("national-2022").criterion("CR501")
    assert cr501.source_note and CJK.search(cr501.source_note)
    assert cr501.source_text("zh").startswith(cr501.source_note)
    english = cr501.source_text("en")
    assert not CJK.search(english)
    assert cr501.source_url and english.startswith(cr501.source_url)
    zh = runner.invoke(app, ["rule", "CR501", "--criteria", "national-2022"]).stdout
    assert cr501.source_note in zh
    en = runner.invoke(app, ["rule", "CR501", "--criteria", "national-2022", "--lang", "en"])
    leaks = [line for line in en.stdout.splitlines() if CJK.search(line)]
    assert all(line.startswith("Clause: ") for line in leaks), leaks  # the quoted clause only
    assert "source: " + english in en.stdout  # the unconfirmed sentence of the examples
