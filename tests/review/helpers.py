"""Shared helpers of the review tests: a small batch copied from sample_data, screened through
the public CLI (the ``batch`` fixture is in conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clusterctl.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
BATCH = (
    "01-eligible-beijing.xlsx",
    "02-sme-share-exactly-70.xlsx",
    "03-fails-thresholds.xlsx",
    "04-messy-but-readable.xlsx",
)
runner = CliRunner()


def screen(*args: str):
    return runner.invoke(app, ["screen", *args])


def screen_json(*args: str) -> dict:
    result = screen(*args, "--output-format", "json")
    assert result.exit_code in (0, 1), result.output + result.stderr
    return json.loads(result.stdout)


def by_name(document: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in document["files"]}
