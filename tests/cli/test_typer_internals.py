"""What clusterctl relies on inside typer, pinned in pyproject.toml (``typer>=0.29.2,<0.30``).

cli/fast_params.py replaces ``typer.core.build_runtime_param`` so that plain option values need no
pydantic; cli/usage.py subclasses ``TyperGroup`` and reads the exceptions of the click typer
vendors. Each test here fails when one of those internals changes, so raising the pin means
reading these first.
"""

import inspect
import subprocess
import sys
import tomllib
from pathlib import Path

import typer
import typer.core
from packaging.requirements import Requirement
from typer._click import Context
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

from clusterctl.cli import fast_params
from clusterctl.cli.app import app

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "sample_data" / "01-eligible-beijing.xlsx"


def test_the_installed_typer_is_within_the_pin():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [Requirement(d) for d in project["project"]["dependencies"]]
    pin = next(r for r in pins if r.name == "typer")
    assert pin.specifier, "typer must be pinned to a range"
    assert "<" in str(pin.specifier), "typer needs an upper bound"
    assert pin.specifier.contains(typer.__version__), (typer.__version__, str(pin.specifier))


def test_fast_params_is_installed():
    """typer still builds coercions through the module name fast_params replaces."""
    assert typer.core.build_runtime_param is fast_params._deferred
    source = inspect.getsource(typer.core._TyperParameter.get_runtime_param)
    assert "build_runtime_param(self.type_descriptor)" in source


def test_every_parameter_gets_a_deferred_coercion():
    root = typer.main.get_command(app)
    ctx = Context(root, info_name="clusterctl")
    check = root.commands["check"]
    for param in check.get_params(ctx):
        assert isinstance(param.get_runtime_param(), fast_params.DeferredCoercion), param.opts


def test_the_coercion_interface_fast_params_calls():
    fields = {f for f in TypeDescriptor.__dataclass_fields__}
    assert {"annotation", "parameter_info", "file_annotation"} <= fields
    assert list(inspect.signature(build_runtime_param).parameters) == ["descriptor"]
    assert list(inspect.signature(RuntimeParam.coerce).parameters) == [
        "self", "value", "param", "ctx",
    ]  # fmt: skip
    info = typer.models.OptionInfo()
    assert {"min", "max", "clamp", "parser"} <= set(vars(info))


def test_the_exceptions_usage_reads():
    assert issubclass(MissingParameter, BadParameter) and issubclass(BadParameter, UsageError)
    assert issubclass(NoSuchOption, UsageError) and issubclass(BadOptionUsage, UsageError)
    exc = NoSuchOption("--x", possibilities=["--y"])
    assert (exc.option_name, exc.possibilities) == ("--x", ["--y"])
    missing = MissingParameter(param_type="argument")
    assert (missing.param_type, missing.param_hint, missing.param) == ("argument", None, None)
    main = inspect.signature(typer.core.TyperGroup.main).parameters
    assert {"args", "prog_name", "complete_var", "standalone_mode"} <= set(main)


PROBE = """
import sys
sys.argv[0] = "clusterctl"
from clusterctl.cli.app import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write(f"\\n{'pydantic' in sys.modules} {'rich' in sys.modules}\\n")
"""


def loaded(*args: str) -> tuple[bool, bool]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )  # fmt: skip
    pydantic, rich = result.stderr.strip().splitlines()[-1].split()
    return pydantic == "True", rich == "True"


def test_help_loads_neither_pydantic_nor_rich():
    assert loaded("--help") == (False, False)
    assert loaded("check", "--help") == (False, False)


def test_check_needs_no_pydantic():
    pydantic, _ = loaded("check", str(SAMPLE))
    assert not pydantic
    pydantic, rich = loaded("check", str(SAMPLE), "--output-format", "json")
    assert not pydantic and not rich


def test_the_help_formatter_hooks_help_format_uses():
    from typer._click.core import Context as ClickContext
    from typer._click.formatting import HelpFormatter

    from clusterctl.cli.help_format import WideHelpFormatter
    from clusterctl.cli.usage import HelpContext

    assert issubclass(HelpContext, ClickContext)
    made = inspect.getsource(ClickContext.make_formatter)  # what HelpContext.make_formatter does
    assert "width=self.terminal_width, max_width=self.max_content_width" in made
    for name in ("write_text", "write_dl"):
        ours = inspect.signature(getattr(WideHelpFormatter, name)).parameters
        theirs = inspect.signature(getattr(HelpFormatter, name)).parameters
        assert list(ours) == list(theirs), name
    root = typer.main.get_command(app)
    assert root.context_class is HelpContext
    assert root.commands["check"].context_class is HelpContext
    ctx = root.commands["check"].make_context("check", ["x"])
    assert isinstance(ctx.make_formatter(), WideHelpFormatter)
