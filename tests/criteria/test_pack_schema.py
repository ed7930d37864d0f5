"""Users' packs are untrusted: every problem is reported with its key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterctl.criteria.loader import PackError, load_pack_file, resolve_pack, validate_pack_file
from clusterctl.criteria.model import Op, Provenance

YUNNAN = Path(__file__).parents[2] / "tests" / "fixtures" / "packs" / "example-unconfirmed.toml"

HEADER = """
id = "my-pack"
title = { zh = "测试", en = "Test" }
jurisdiction = { zh = "测试", en = "Test" }
level = "区级"
edition_year = 2024
source = "test"
template_version = "1"
"""

VOCABULARY = """
[[sections]]
key = "core"
title = { zh = "二、核心竞争力", en = "2 Core competitiveness" }

[[sections]]
key = "innovation"
title = { zh = "五、协同创新", en = "5 Innovation" }

[[indicators]]
key = "total_output"
label = { zh = "集群总产值", en = "Total output" }
unit = { zh = "亿元", en = "100M CNY" }

[[indicators]]
key = "sme_output"
label = { zh = "中小企业产值", en = "SME output" }
unit = { zh = "亿元", en = "100M CNY" }

[[indicators]]
key = "sme_share"
label = { zh = "中小企业产值占比", en = "SME share" }
unit = { zh = "%", en = "%" }
type = "percent"
formula = "sme_output / total_output * 100"
"""

GOOD = """
[[criteria]]
code = "CR203"
name = "sme-output-share"
section = "core"
title = { zh = "中小企业产值占比", en = "SME share" }
clause = "高于70%"
kind = "threshold"
metric = "sme_share"
op = "gt"
threshold = 70
years = "latest"
weight = 10
"""

BROKEN = """
id = "Bad Id"
title = "not a table"
jurisdiction = { zh = "测试", en = "Test" }
level = "乡级"
edition_year = 2024
source = "test"
template_version = "1"
colour = "red"

[[criteria]]
code = "CR203"
name = "sme-output-share"
section = "core"
title = { zh = "中小企业产值占比", en = "SME share" }
clause = "高于70%"
kind = "threshold"
metric = "sme_share"
op = "gte"
years = "latest"

[[criteria]]
code = "CR305"
name = "too-few"
section = "core"
title = { zh = "x", en = "x" }
clause = "x"
kind = "count"
threshold = nan
count_rules = [{ qualifications = ["unicorn"], minimum = 0 }]

[[criteria]]
code = "CR203"
name = "patents"
section = "innovation"
title = { zh = "x", en = "x" }
clause = "x"
kind = "trend"
metric = "patents"
years = "latest"
weight = -1
"""


def _write(tmp_path, text, name="pack.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_user_pack(tmp_path):
    pack = load_pack_file(_write(tmp_path, HEADER + VOCABULARY + GOOD))
    assert pack.id == "my-pack" and pack.criterion("CR203").op is Op.GT
    assert pack.criterion("CR203").unit == "%"  # from the metric


def test_broken_pack_reports_every_problem_with_its_path(tmp_path):
    problems = dict(validate_pack_file(_write(tmp_path, BROKEN), "en"))
    assert set(problems) == {
        "id",
        "title",
        "level",
        "colour",
        "sections",
        "criteria[0].op",
        "criteria[0].threshold",
        "criteria[0].metric",
        "criteria[1].threshold",
        "criteria[1].count_rules[0].qualifications[0]",
        "criteria[1].count_rules[0].minimum",
        "criteria[2].code",
        "criteria[2].metric",
        "criteria[2].years",
        "criteria[2].weight",
    }
    assert "gte" in problems["criteria[0].op"] and "gt, ge, lt, le" in problems["criteria[0].op"]
    assert "expected a number" in problems["criteria[0].threshold"]
    assert "finite" in problems["criteria[1].threshold"]
    assert "unicorn" in problems["criteria[1].count_rules[0].qualifications[0]"]
    assert "unknown key" in problems["colour"]
    assert "table with strings zh and en" in problems["title"]
    assert "declares no indicators" in problems["criteria[0].metric"]
    assert "criteria[0]" in problems["criteria[2].code"]  # the duplicate code names the first
    assert "array of tables" in problems["sections"]


def test_chinese_messages_for_every_schema_keyword(tmp_path):
    text = (
        HEADER.replace("edition_year = 2024", "edition_year = 1990")
        + 'quota = 0\nfamily = "Bad Family"\n'
        + VOCABULARY.replace('type = "percent"', 'type = "ratio"')
        + GOOD.replace('kind = "threshold"', 'kind = "gauge"')
        + GOOD.replace('"CR203"', '"CR204"')
        .replace("sme-output-share", "b")
        .replace("threshold = 70", 'threshold = "70"')
        + '\n[[criteria]]\ncode = "CR301"\nname = "c"\nsection = "core"\nkind = "count"\n'
        + 'title = { zh = "x", en = "" }\nclause = "x"\ncount_rules = []\nextra = 1\n'
    )
    problems = dict(validate_pack_file(_write(tmp_path, text)))
    assert problems["edition_year"] == "应不小于 2000，实际为 1990"  # minimum
    assert problems["quota"] == "应不小于 1，实际为 0"
    assert problems["family"].startswith("应为小写字母、数字和连字符")  # pattern
    assert "number, int, percent" in problems["indicators[2].type"]  # enum
    assert problems["criteria[0].kind"].startswith("应为 threshold, count, trend")  # the union
    assert problems["criteria[1].threshold"] == "应为数值，实际为字符串"  # type
    assert problems["criteria[2].count_rules"] == "不能为空"  # minItems
    assert problems["criteria[2].title.en"] == "不能为空"  # minLength
    assert "不适用于 kind = 'count'" in problems["criteria[2].extra"]  # additionalProperties
    assert all(p for p in problems.values())


def test_wrong_kind_keys_are_checked_once_types_are_right(tmp_path):
    text = HEADER + VOCABULARY + GOOD.replace('kind = "threshold"', 'kind = "qualitative"')
    problems = dict(validate_pack_file(_write(tmp_path, text)))
    assert set(problems) == {
        "criteria[0].metric",
        "criteria[0].op",
        "criteria[0].threshold",
        "criteria[0].years",
    }
    assert "不适用于 kind = 'qualitative'" in problems["criteria[0].op"]


def test_codes_are_free_form_and_sections_are_the_packs(tmp_path):
    text = HEADER + VOCABULARY + GOOD.replace('code = "CR203"', 'code = "SH-2.3"')
    pack = load_pack_file(_write(tmp_path, text))
    assert pack.criterion("sh-2.3").code == "SH-2.3"
    assert [(s.key, s.number) for s in pack.sections] == [("core", 1), ("innovation", 2)]
    assert pack.criterion("SH-2.3").dimension.title.zh == "二、核心竞争力"
    wrong = HEADER + VOCABULARY + GOOD.replace('section = "core"', 'section = "basic"')
    problems = dict(validate_pack_file(_write(tmp_path, wrong, "w.toml"), "en"))
    assert (
        set(problems) == {"criteria[0].section"}
        and "core, innovation" in problems["criteria[0].section"]
    )


def test_pack_error_carries_problems_in_both_languages(tmp_path):
    with pytest.raises(PackError) as info:
        load_pack_file(_write(tmp_path, HEADER + VOCABULARY))
    assert info.value.problems == [("criteria", "缺少必填项（应为表的数组）")]
    assert info.value.problems_in("en") == [
        ("criteria", "required key missing (expected an array of tables)")
    ]


def test_toml_syntax_error_is_one_problem(tmp_path):
    problems = validate_pack_file(_write(tmp_path, "id = \n"))
    assert len(problems) == 1 and problems[0][0] == "" and "TOML" in problems[0][1]


def test_not_utf8_and_too_large(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('id = "é"'.encode("latin-1"))
    assert "UTF-8" in validate_pack_file(path)[0][1]
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (1 << 20), encoding="utf-8")
    assert "1 MiB" in validate_pack_file(big)[0][1]


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        validate_pack_file(tmp_path / "nope.toml")


def test_yunnan_overrides_a_few_thresholds_of_national():
    yunnan, national = load_pack_file(YUNNAN), resolve_pack("national-2022")
    assert yunnan.extends == "national-2022" and yunnan.province_code == "53"
    assert yunnan.level == national.level and yunnan.template_version == national.template_version
    changed = {"CR202": 10, "CR203": 50, "CR204": 3, "CR205": 60, "CR501": 5, "CR601": 10}
    for code, threshold in changed.items():
        assert yunnan.criterion(code).threshold == threshold
    assert yunnan.criterion("CR203").op is Op.GE and yunnan.criterion("CR205").op is Op.GT
    assert yunnan.criterion("CR202").provenance is Provenance.UNCONFIRMED
    assert yunnan.criterion("CR301").count_rules[1].minimum == 3
    same = [c for c in yunnan.criteria if c.code not in changed and c.code != "CR301"]
    assert same == [national.criterion(c.code) for c in same]


def test_extends_problems(tmp_path):
    unknown = HEADER + 'extends = "atlantis-2020"\n' + GOOD
    assert [p for p, _ in validate_pack_file(_write(tmp_path, unknown, "u.toml"))] == ["extends"]
    _write(tmp_path, HEADER.replace("my-pack", "pack-a") + 'extends = "b.toml"\n' + GOOD, "a.toml")
    _write(tmp_path, HEADER.replace("my-pack", "pack-b") + 'extends = "a.toml"\n' + GOOD, "b.toml")
    problems = validate_pack_file(tmp_path / "a.toml", "en")
    assert problems[0][0] == "extends"
    dropped = HEADER + 'drop = ["CR203"]\n' + GOOD
    assert "drop" in dict(validate_pack_file(_write(tmp_path, dropped, "d.toml")))


def test_extends_with_drop_and_a_new_criterion(tmp_path):
    text = (
        HEADER
        + 'extends = "beijing-2023"\ndrop = ["CR207"]\n'
        + GOOD.replace("CR203", "CR208").replace("sme-output-share", "sme-share-2")
        + '\n[[criteria]]\ncode = "CR202"\nthreshold = 30\n'
    )
    pack = load_pack_file(_write(tmp_path, text))
    codes = {c.code for c in pack.criteria}
    assert "CR207" not in codes and "CR208" in codes
    assert pack.criterion("CR202").threshold == 30
    assert len(pack.criteria) == len(resolve_pack("beijing-2023").criteria)


def test_override_that_breaks_the_kind_is_reported(tmp_path):
    text = HEADER + 'extends = "beijing-2023"\n[[criteria]]\ncode = "CR202"\nyears = "decreasing"\n'
    assert [p for p, _ in validate_pack_file(_write(tmp_path, text))] == ["criteria[0].years"]


def test_old_codes_stay_as_aliases(tmp_path):
    text = HEADER + VOCABULARY + GOOD.replace("weight = 10", 'weight = 10\naliases = ["CR209"]')
    pack = load_pack_file(_write(tmp_path, text))
    assert pack.criterion("CR209").code == "CR203"
    clash = text + GOOD.replace('"CR203"', '"CR209"').replace("sme-output-share", "other")
    problems = dict(validate_pack_file(_write(tmp_path, clash, "clash.toml")))
    assert set(problems) == {"criteria[1].code"}


def test_random_pack_data_never_crashes_the_loader(tmp_path, monkeypatch):
    """Whatever tomllib returns, loading gives a pack or a PackError with paths, never a crash."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from clusterctl.criteria import loader
    from clusterctl.criteria.keys import CRITERION_KEYS
    from clusterctl.evaluation.kinds import MODULES

    names = {k.name for k in CRITERION_KEYS} | {k.name for m in MODULES.values() for k in m.KEYS}

    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 200),
        st.floats(allow_nan=True),
        st.sampled_from(
            ["gt", "cagr", "sme_share", "core", "threshold", "CR203", "x-y", "high_energy"]
        ),
        st.text(max_size=5),
    )
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["zh", "en", "minimum", "qualifications"]), inner, max_size=3
            )
        ),
        max_leaves=6,
    )
    criterion = st.dictionaries(st.sampled_from(sorted(names)), values, max_size=12)
    base = load_pack_file(_write(tmp_path, HEADER + VOCABULARY + GOOD, "base.toml"))
    path = _write(tmp_path, HEADER + VOCABULARY + GOOD, "fuzz.toml")

    @settings(
        max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(criterion, max_size=3), st.sampled_from([None, "base.toml"]))
    def run(criteria, extends):
        data = {
            "id": "fuzz",
            "title": {"zh": "a", "en": "b"},
            "jurisdiction": {"zh": "a", "en": "b"},
            "level": "区级",
            "edition_year": 2024,
            "source": "s",
            "template_version": "1",
            "sections": [{"key": "core", "title": {"zh": "a", "en": "b"}}],
            "indicators": [
                {
                    "key": "sme_share",
                    "label": {"zh": "a", "en": "b"},
                    "unit": {"zh": "%", "en": "%"},
                }
            ],
            "criteria": criteria,
        }
        if extends:
            data["extends"] = extends
        monkeypatch.setattr(
            loader,
            "_read_toml",
            lambda real, shown: (
                data
                if "fuzz" in real
                else loader.tomllib.loads(Path(real).read_text(encoding="utf-8"))
            ),
        )
        loader._load_cached.cache_clear()
        try:
            pack = load_pack_file(path)
        except PackError as exc:
            assert exc.problems and all(isinstance(p, str) for p, _ in exc.problems)
        else:
            assert pack.id == "fuzz"

    run()
    assert base.id == "my-pack"
    loader._load_cached.cache_clear()


def test_deep_nesting_is_one_problem_not_a_crash(tmp_path):
    for depth in (20, 5000):
        path = _write(tmp_path, "id = " + "[" * depth + "]" * depth + "\n", f"deep{depth}.toml")
        assert validate_pack_file(path, "en") == [("", "nested too deep (limit 12)")]


def test_the_former_dimension_key_says_it_is_now_section(tmp_path):
    text = HEADER + VOCABULARY + GOOD.replace('section = "core"', 'dimension = "core"')
    problems = dict(validate_pack_file(_write(tmp_path, text)))
    assert problems["criteria[0].dimension"].startswith("dimension 已改名为 section")
