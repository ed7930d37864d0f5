import pytest
from builders import all_reports, context

from clusterctl.reports.formats import FORMAT_NAMES, get_formatter


def test_registry_has_every_documented_format():
    assert FORMAT_NAMES == ("human", "concise", "json", "json-lines", "sarif", "junit", "github")
    for name in FORMAT_NAMES:
        assert get_formatter(name).name == name


def test_unknown_format_lists_the_choices():
    with pytest.raises(LookupError) as info:
        get_formatter("xml")
    assert "sarif" in str(info.value) and "xml" in str(info.value)


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_write_streams_the_same_text_as_render(name, tmp_path):
    import io

    formatter = get_formatter(name)
    out = io.StringIO()
    formatter.write(iter(all_reports()), context(), out)
    assert out.getvalue() == formatter.render(all_reports(), context())
    assert out.getvalue().strip()


def test_machine_formats_are_marked():
    machine = {n for n in FORMAT_NAMES if get_formatter(n).machine}
    assert machine == {"json", "json-lines", "sarif", "junit", "github"}
