"""Placeholder until the command lands."""

import typer


def register(app: typer.Typer) -> None:
    pass
