"""``clusterctl``: the Typer application. Heavy libraries are imported inside commands only, so
``clusterctl --help`` stays fast."""

import importlib
import sys

import typer

from clusterctl import __version__
from clusterctl.cli.common import Exit, bilingual, err
from clusterctl.cli.fast_params import install as install_fast_params
from clusterctl.cli.usage import ClusterGroup

install_fast_params()  # typer coerces option values without pydantic when it can

# Command name -> module with ``register(app)``, in the order help lists them. Command modules
# import their heavy libraries inside the command function, so registering them is cheap.
COMMANDS = {
    "check": "clusterctl.cli.check_cmd",
    "screen": "clusterctl.cli.screen_cmd",
    "targets": "clusterctl.cli.targets_cmd",
    "diff": "clusterctl.cli.diff_cmd",
    "monitor": "clusterctl.cli.monitor_cmd",
    "template": "clusterctl.cli.template_cmd",
    "rule": "clusterctl.cli.rule_cmd",
    "criteria": "clusterctl.cli.criteria_cmd",
    "config": "clusterctl.cli.config_cmd",
}

app = typer.Typer(
    name="clusterctl",
    cls=ClusterGroup,  # usage errors in the user's language
    rich_markup_mode=None,  # plain help: wraps Chinese text, and needs no rich (start-up)
    help="检查与评分中小企业特色产业集群认定申报表 / Check and score SME cluster applications.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_short=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clusterctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help=bilingual("显示版本并退出", "show the version and exit"),
    ),
) -> None:
    """检查与评分中小企业特色产业集群认定申报表 / Check and score SME cluster applications."""


for _module in COMMANDS.values():
    importlib.import_module(_module).register(app)


def main() -> None:
    """Entry point: usage errors and crashes exit 2 with a message, never a traceback."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err("clusterctl: 已中断 / interrupted")
        sys.exit(130)
    except OSError as exc:  # the system refused a write (a full disk, a closed pipe): no bug
        reason = exc.strerror or exc
        err(f"clusterctl: 输入输出错误 / I/O error: {reason}")
        sys.exit(Exit.USAGE)
    except Exception as exc:  # a bug: say so briefly, exit 2 (ruff's convention)
        err(f"clusterctl: 内部错误 / internal error: {type(exc).__name__}: {exc}")
        sys.exit(Exit.USAGE)
