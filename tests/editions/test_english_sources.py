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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_criteria_list_at_80_columns_keeps_every_id_whole(lang: str) -> None:
    """At 80 columns the ids were cut to "shanghai…" (which edition?): the narrow table leaves
    the title out instead; a wide one (piped: 200) keeps it."""
    import io

    from rich.cells import cell_len
    from rich.console import Console

    from clusterctl.cli.criteria_cmd import pack_table
    from clusterctl.criteria.loader import list_packs

    def render(width: int) -> list[str]:
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, no_color=True)
        console.print(pack_table(list_packs(), lang, width))  # type: ignore[arg-type]
        return buffer.getvalue().splitlines()

    narrow = render(80)
    assert max(cell_len(line) for line in narrow) <= 80
    assert not any("…" in line for line in narrow)
    for pack in list_packs():
        assert any(line.split()[:1] == [pack.id] for line in narrow), pack.id
    assert not any("2023年版" in line or "(2023 edition)" in line for line in narrow)
    wide = "\n".join(render(200))
    assert (
        "北京市中小企业特色产业集群认定标准（2023年版）" if lang == "zh" else "(2023 edition)"
    ) in wide
