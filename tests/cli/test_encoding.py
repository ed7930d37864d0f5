"""Every command and every format under any console encoding (a subprocess per case).

With output redirected on Chinese Windows Python writes in the console's code page (GBK);
``PYTHONIOENCODING`` reproduces that here, as well as ASCII and strict UTF-8. Each run exits 0 or
1, never 2, prints no traceback; human output is valid in the stream's encoding with the symbols
it cannot hold degraded; machine output is UTF-8 whatever the console and parses.
"""

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clusterctl.cli.encoding import prepare_streams, substitute

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "sample_data"
SHARE_70 = SAMPLES / "02-sme-share-exactly-70.xlsx"  # has ✓, ✗ and km² in its report
ENCODINGS = ["gbk", "ascii", "utf-8:strict"]
CHECK_FORMATS = ["human", "concise", "json", "json-lines", "sarif", "junit", "github"]
MACHINE = {"json", "json-lines", "sarif", "junit", "github"}


def run(args: list[str], encoding: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIO", "LC_", "LANG"))}
    env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-c", "from clusterctl.cli.app import main; main()", *args],
        cwd=cwd, env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


def assert_clean(result: subprocess.CompletedProcess[bytes], allowed=(0, 1)) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in allowed, stderr
    assert "Traceback" not in stderr
    assert "internal error" not in stderr and "内部错误" not in stderr


def parse_machine(fmt: str, data: bytes) -> None:
    text = data.decode("utf-8")  # strict: machine output is UTF-8 whatever the console
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "json-lines":
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines
        for line in lines:
            json.loads(line)
    elif fmt == "junit":
        ET.fromstring(data)
    else:  # github: workflow commands, one per line
        assert all(line.startswith("::") for line in text.splitlines() if line)


def stream_encoding(encoding: str) -> str:
    return encoding.split(":")[0]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_every_format(encoding: str, fmt: str):
    result = run(["check", str(SHARE_70), "--output-format", fmt], encoding)
    assert_clean(result)
    assert result.returncode == 1  # 70% is not above 70%
    if fmt in MACHINE:
        parse_machine(fmt, result.stdout)
        if fmt in ("json", "json-lines", "junit"):
            assert "²" in result.stdout.decode("utf-8")  # not degraded: UTF-8 as the spec says
    else:
        text = result.stdout.decode(stream_encoding(encoding))  # strict: valid in its encoding
        assert "CR203" in text


def test_gbk_human_report_degrades_the_symbols_gbk_lacks():
    text = run(["check", str(SHARE_70)], "gbk").stdout.decode("gbk")
    assert "√ CR201" in text and "× CR203" in text
    assert "km2" in text  # ² is not in GBK
    assert "达标" in text  # Chinese stays Chinese


def test_ascii_human_report_is_ascii():
    result = run(["check", str(SHARE_70), "--lang", "en"], "ascii")
    text = result.stdout.decode("ascii")
    assert "OK CR201" in text and "x CR203" in text
    assert ">= 40" in text or "> 70%" in text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_output_file_is_utf8_whatever_the_console(encoding: str, tmp_path: Path):
    out = tmp_path / "report.txt"
    result = run(["check", str(SHARE_70), "--output-file", str(out)], encoding)
    assert_clean(result)
    assert "km²" in out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for name in ("01-eligible-beijing.xlsx", "02-sme-share-exactly-70.xlsx"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_screen_human_json_and_summary(encoding: str, batch: Path, tmp_path: Path):
    human = run(["screen", str(batch), "-o", str(tmp_path / "summary.xlsx")], encoding)
    assert_clean(human)
    human.stdout.decode(stream_encoding(encoding))
    machine = run(["screen", str(batch), "--output-format", "json"], encoding)
    assert_clean(machine)
    data = json.loads(machine.stdout.decode("utf-8"))
    assert len(data["files"]) == 2


OTHER_COMMANDS = [
    (["criteria", "list"], False),
    (["criteria", "list", "--output-format", "json"], True),
    (["criteria", "show", "beijing-2023"], False),
    (["criteria", "show", "beijing-2023", "--output-format", "json"], True),
    (["criteria", "show", "national-2022", "--lang", "en"], False),
    (["rule"], False),
    (["rule", "--output-format", "json"], True),
    (["rule", "CR201", "--criteria", "beijing-2023"], False),
    (["rule", "CR201", "--criteria", "beijing-2023", "--output-format", "json"], True),
    (["rule", "F199"], False),
    (["config", "show", "--isolated"], False),
    (["config", "show", "--isolated", "--output-format", "json"], True),
    (["--help"], False),
    (["check", "--help"], False),
    (["screen", "--help"], False),
    (["criteria", "show", "--help"], False),
]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    ("args", "machine"), OTHER_COMMANDS, ids=[" ".join(args) for args, _ in OTHER_COMMANDS]
)
def test_other_commands(encoding: str, args: list[str], machine: bool):
    result = run(args, encoding)
    assert_clean(result, allowed=(0,))
    if machine:
        json.loads(result.stdout.decode("utf-8"))
    elif args[-1] == "--help" and encoding == "ascii":
        # typer's click takes an ASCII stream for a misconfigured locale and writes UTF-8
        assert result.stdout.decode("utf-8").strip()
    else:
        assert result.stdout.decode(stream_encoding(encoding)).strip()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_template_and_validate(encoding: str, tmp_path: Path):
    result = run(["template", "-o", str(tmp_path / "t.xlsx")], encoding)
    assert_clean(result, allowed=(0,))
    broken = tmp_path / "broken.toml"
    broken.write_text("x = [\n", encoding="utf-8")
    assert_clean(run(["criteria", "validate", str(broken)], encoding), allowed=(1,))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_usage_errors_still_exit_2_without_a_traceback(encoding: str):
    result = run(["check", "--bogus"], encoding)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


# ------------------------------------------------------------------------------ the unit


@pytest.mark.parametrize(
    ("char", "encoding", "expected"),
    [
        ("✓", "gbk", "√"),
        ("✓", "ascii", "OK"),
        ("✗", "gbk", "×"),
        ("✗", "ascii", "x"),
        ("²", "gbk", "2"),
        ("≥", "ascii", ">="),
        ("：", "ascii", ":"),  # full-width colon: its compatibility form
        ("━", "ascii", "-"),
        ("┃", "ascii", "|"),
        ("╇", "ascii", "+"),
        ("中", "ascii", "?"),  # the last resort
        ("\udcff", "utf-8", "?"),  # a lone surrogate (an undecodable file name)
    ],
)
def test_substitute(char: str, encoding: str, expected: str):
    assert substitute(char, encoding) == expected


def test_the_handler_never_raises_on_a_reconfigured_stream(monkeypatch):
    import io

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    prepare_streams()
    stream.write("✓ 达标 km² ≥ 1\n")
    stream.flush()
    assert raw.getvalue() == b"OK ?? km2 >= 1\n"
