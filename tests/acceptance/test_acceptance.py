"""Every acceptance case × every edition in its ``expected`` × every transport, through the
public CLI: `clusterctl check FILES --output-format json --criteria ID`, one call per edition
and transport. The verdict and each listed status must equal the expected ones (derived from
the standard's text in the case files); transports that lose the hidden keys must say the
layout was recovered from labels (S112), the untransported files and lossless transports not.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from suite import ALL_CASES, EDITIONS, file_name
from transports import TRANSPORTS, soffice

RECOVERED = "S112"
PLACEHOLDER = re.compile(r"\by\d+年|#columns|#sheet:|#years")  # internal keys, never shown
CHECK_TIMEOUT = 600


def check(files: list[Path], pack_id: str) -> dict[str, dict]:
    """File name -> its JSON result, from one `clusterctl check` run over ``files``."""
    cmd = [sys.executable, "-m", "clusterctl", "check", *map(str, files)]
    cmd += ["--output-format", "json", "--criteria", pack_id]
    done = subprocess.run(cmd, capture_output=True, timeout=CHECK_TIMEOUT, env=_env())
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-2000:]
    data = json.loads(done.stdout)
    return {Path(f["path"]).name: f for f in data["files"]}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}


def problems(results: dict[str, dict], pack_id: str, keys_lost: bool) -> list[str]:
    found = []
    for case in ALL_CASES:
        if pack_id not in case.expected:
            continue
        result = results.get(file_name(case.id, pack_id))
        if result is None:
            found.append(f"{case.id}: no result")
            continue
        codes = [f["code"] for f in result.get("findings", [])]
        if result.get("verdict") != case.expected[pack_id]:
            errors = [f"{f['code']} {f['message']}" for f in result.get("findings", [])]
            found.append(
                f"{case.id}: verdict {result.get('verdict')}, expected {case.expected[pack_id]}"
                f" ({'; '.join(errors[:6])})"
            )
        statuses = {c["code"]: c["status"] for c in result.get("criteria", [])}
        for code, want in case.statuses.get(pack_id, {}).items():
            if statuses.get(code) != want:
                found.append(f"{case.id}: {code} is {statuses.get(code)}, expected {want}")
        shown = [
            f["message"] for f in result.get("findings", []) if PLACEHOLDER.search(f["message"])
        ]
        found += [f"{case.id}: internal key in a message: {m}" for m in shown]
        if (RECOVERED in codes) != keys_lost or codes.count(RECOVERED) > 1:
            found.append(f"{case.id}: {RECOVERED} findings {codes.count(RECOVERED)}")
    return found


@pytest.mark.parametrize("pack_id", EDITIONS)
def test_untransported(filled, pack_id):
    results = check(filled[pack_id], pack_id)
    assert problems(results, pack_id, keys_lost=False) == []


@pytest.mark.parametrize("pack_id", EDITIONS)
@pytest.mark.parametrize("name", list(TRANSPORTS))
def test_transported(filled, tmp_path, name, pack_id):
    transport, keys_lost = TRANSPORTS[name]
    if name == "libreoffice" and soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("soffice missing in CI: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    files = transport(filled[pack_id], tmp_path / name)
    results = check(files, pack_id)
    assert problems(results, pack_id, keys_lost) == []
