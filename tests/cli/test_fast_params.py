"""Deferred option coercion returns exactly what typer's pydantic coercion returns.

Every parameter of every clusterctl command is tried with the same values through
:class:`DeferredCoercion` and through typer's own ``build_runtime_param``: same value, or the same
error message.
"""

from __future__ import annotations

from pathlib import Path

import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

from clusterctl.cli.app import app
from clusterctl.cli.fast_params import DeferredCoercion


def all_params():
    def walk(command, ctx):
        for param in command.get_params(ctx):
            yield param, ctx
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, Context(sub, info_name=name, parent=ctx))

    root = typer.main.get_command(app)
    return list(walk(root, Context(root, info_name="clusterctl")))


PARAMS = all_params()

texts = st.one_of(
    st.from_regex(r"\A[ +\-]?[0-9]{0,20}(\.[0-9]{0,20})?([eE][+-]?[0-9]{1,3})?[ ]?\Z"),
    st.sampled_from(["0", "1", "64", "63", "2000", "2100", "2101", "0.1", "0.09", "1e3", "nan"]),
    st.text(max_size=12),
)
numbers = st.one_of(st.integers(-5, 5000), st.floats(allow_nan=True, allow_infinity=True))
values = st.one_of(st.none(), texts, st.lists(texts, max_size=3).map(tuple), st.booleans(), numbers)


def outcome(runtime, value, param, ctx):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return ("error", exc.format_message())
    return ("value", type(result), result)


def same(a, b) -> bool:
    # nan != nan: compare the representation of float results
    return a == b or repr(a) == repr(b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(PARAMS) - 1), value=values)
def test_deferred_coercion_matches_typer(index, value):
    param, ctx = PARAMS[index]
    expected = outcome(build_runtime_param(param.type_descriptor), value, param, ctx)
    actual = outcome(DeferredCoercion(param.type_descriptor), value, param, ctx)
    assert same(actual, expected), (param.name, value)


PATH_PARAMS = [(p, c) for p, c in PARAMS if p.type_descriptor.annotation is Path]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(PATH_PARAMS) - 1),
    value=st.one_of(
        st.text(), st.sampled_from(["", ".", "\x00", "a\ud800", "~/x", "-", "中文.xlsx"])
    ),
)
def test_path_options_match_typer(index, value):
    """A path option's text is ``Path(text)`` only where pydantic takes it (no NUL, no lone
    surrogate); else typer's own error."""
    param, ctx = PATH_PARAMS[index]
    expected = outcome(build_runtime_param(param.type_descriptor), value, param, ctx)
    actual = outcome(DeferredCoercion(param.type_descriptor), value, param, ctx)
    assert same(actual, expected), (param.name, value)


def boundary_texts(param) -> list[str]:
    """Texts around the parameter's bounds, and the forms a fast path might get wrong."""
    found = ["0", "1", "007", "1.0", "1.", ".5", "+1", "-1", " 1", "1 ", "1_0", "1e1", "", "x"]
    for bound in (
        param.type_descriptor.parameter_info.min,
        param.type_descriptor.parameter_info.max,
    ):
        if bound is not None:
            for delta in (-1, -0.001, 0, 0.001, 1):
                found += [repr(bound + delta), str(int(bound + delta))]
    return found


def test_deferred_coercion_matches_typer_at_the_bounds():
    typed = [0, 1, 0.5, 1.0, -1.0, 2.0, float("nan"), float("inf"), 1e300, True, 64, 63, 2100]
    for param, ctx in PARAMS:
        for value in [None, (), ("a", "b"), *boundary_texts(param), *typed]:
            expected = outcome(build_runtime_param(param.type_descriptor), value, param, ctx)
            actual = outcome(DeferredCoercion(param.type_descriptor), value, param, ctx)
            assert same(actual, expected), (param.name, value)


def test_every_command_parameter_is_covered():
    names = {param.name for param, _ in PARAMS}
    assert {"files", "jobs", "limit_ratio", "limit_cells", "year", "output_file", "help"} <= names


def test_common_values_need_no_adapter():
    by_name = {(ctx.info_name, p.name): (p, ctx) for p, ctx in PARAMS}
    cases = [
        (("check", "files"), ("a.xlsx", "b.xlsx"), ["a.xlsx", "b.xlsx"]),
        (("check", "output_format"), "json", "json"),
        (("check", "jobs"), "2", 2),
        (("check", "limit_timeout"), "2.5", 2.5),
        (("check", "criteria"), None, None),
        (("check", "output_file"), "out/report.json", Path("out/report.json")),
        (("screen", "output_file"), "summary.xlsx", Path("summary.xlsx")),
        (("screen", "expert_spread"), 0.5, 0.5),  # its default, as typer passes it
    ]
    for key, value, expected in cases:
        param, ctx = by_name[key]
        deferred = DeferredCoercion(param.type_descriptor)
        assert deferred.coerce(value, param=param, ctx=ctx) == expected
        assert deferred.runtime is None  # answered without building typer's adapter


def test_out_of_range_number_is_refused_through_the_cli(tmp_path):
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2
    assert "'--jobs' / '-j' 的值无效：须不小于 1" in result.output
    english = CliRunner().invoke(app, ["check", str(tmp_path), "--jobs", "0", "--lang", "en"])
    assert english.exit_code == 2
    expected = "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1"
    assert expected in english.output
