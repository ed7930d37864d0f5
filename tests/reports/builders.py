"""Hand-built packs and reports for formatter tests: independent of the reader, the engine and
the teammates' wording, so snapshots only change when a formatter does."""

from __future__ import annotations

from clusterctl.criteria.model import Criterion, Dimension, Kind, Op, Pack, Provenance
from clusterctl.criteria.model import Severity as CSeverity
from clusterctl.diagnostics import Finding, FindingType, Location, Severity
from clusterctl.evaluation.model import (
    CriterionResult,
    DimensionScore,
    Evaluation,
    Status,
    Verdict,
)
from clusterctl.i18n import Text, t
from clusterctl.report import FileReport

PACK_ID = "test-2023"


def make_pack() -> Pack:
    def crit(code, name, dim, title, kind=Kind.THRESHOLD, **kw):
        return Criterion(code, name, dim, title, "条款", kind, **kw)

    return Pack(
        id=PACK_ID,
        title=t("测试认定标准（2023年版）", "Test standard (2023)"),
        jurisdiction=t("测试市", "Test City"),
        level="区级",
        edition_year=2023,
        source="test",
        template_version="1",
        criteria=(
            crit("CR101", "policy-fit", Dimension.BASIC,
                 t("主导产业符合政策", "Industry fits policy"), Kind.QUALITATIVE),
            crit("CR201", "area", Dimension.CORE, t("集群占地面积", "Cluster area"),
                 severity=CSeverity.SOFT, op=Op.LE, threshold=100, unit="km²", weight=5),
            crit("CR202", "output", Dimension.CORE, t("集群总产值", "Total output"),
                 op=Op.GE, threshold=40, unit="亿元", weight=10),
            crit("CR203", "sme-output-share", Dimension.CORE,
                 t("中小企业产值占比", "SME output share"),
                 op=Op.GT, threshold=70, unit="%", weight=10),
            crit("CR501", "rd-growth", Dimension.INNOVATION, t("研发经费年均增速", "R&D growth"),
                 op=Op.GT, threshold=10, unit="%", weight=5, provenance=Provenance.UNCONFIRMED),
        ),
    )  # fmt: skip


def ftype(code: str, severity: Severity, title: Text, message: Text, hint: Text | None = None):
    return FindingType(code, f"test-{code.lower()}", severity, title, message, hint)


T_NORMALISED = ftype(
    "V290", Severity.INFO, t("数值已规范化", "Value normalised"),
    t("“{raw}”按 {value} 读取", "'{raw}' read as {value}"),
)  # fmt: skip
T_NUMBER = ftype(
    "V201", Severity.ERROR, t("无法识别的数字", "Unreadable number"),
    t("无法把“{raw}”识别为数字", "cannot read '{raw}' as a number"),
    t("请填写阿拉伯数字，不要带单位", "Type digits only, without units"),
)  # fmt: skip
T_AREA = ftype(
    "CR201", Severity.WARNING, t("集群占地面积", "Cluster area"),
    t("占地面积 {value} 平方公里，一般不超过 100", "area {value} km², normally at most 100"),
    t("核实集群边界", "Check the cluster boundary"),
)  # fmt: skip
T_SHARE = ftype(
    "CR203", Severity.ERROR, t("中小企业产值占比", "SME output share"),
    t("中小企业产值占比 {value}%，未高于 70%", "SME output share {value}%, not above 70%"),
    t("核实中小企业产值口径", "Check how SME output was counted"),
)  # fmt: skip
T_DAMAGED = ftype(
    "F104", Severity.ERROR, t("工作簿已损坏", "Damaged workbook"),
    t("文件是损坏的压缩包（{detail}）", "damaged zip archive ({detail})"),
    t("请重新获取原文件", "Get the original file again"),
)  # fmt: skip
T_TEXT = ftype(
    "X301", Severity.WARNING, t("文字含特殊字符", "Odd text"),
    t("填写内容：{text}", "text given: {text}"),
)  # fmt: skip


def loc(path, sheet=None, row=None, col=None, field=None) -> Location:
    return Location(path, sheet, row, col, field)


def result(code, status, value=None, unit=None, op=None, threshold=None, **kw) -> CriterionResult:
    return CriterionResult(code, status, value, unit, threshold, op, **kw)


def eligible_report(path: str = "apps/海淀软件.xlsx") -> FileReport:
    results = [
        result("CR101", Status.REVIEW, weight=0),
        result("CR201", Status.WARNING, 120, "km²", "le", 100, credit=0, weight=5,
               locations=[loc(path, "基本信息", 10, 3)]),
        result("CR202", Status.MET, 52.5, "亿元", "ge", 40, credit=1, weight=10),
        result("CR203", Status.MET, 81.25, "%", "gt", 70, credit=1, weight=10),
        result("CR501", Status.MET, 12.3, "%", "gt", 10, credit=1, weight=5, unconfirmed=True),
    ]  # fmt: skip
    evaluation = Evaluation(
        PACK_ID, Verdict.ELIGIBLE, 83.3, results,
        [DimensionScore("core", 20, 25), DimensionScore("innovation", 5, 5)],
        unconfirmed_used=["CR501"],
    )  # fmt: skip
    return FileReport(
        path=path, sha256="ab" * 32, size=12345,
        findings=[
            Finding("CR201", loc(path, "基本信息", 10, 3, "basic.area_km2"), {"value": 120},
                    ftype=T_AREA),
            Finding("V290", loc(path, "指标数据", 5, 4), {"raw": "52.5亿", "value": 52.5},
                    ftype=T_NORMALISED),
        ],
        evaluation=evaluation, pack_id=PACK_ID, seconds=0.25,
        summary={"cluster_name": "北京市海淀区行业应用软件产业集群", "province": "北京市",
                 "district": "海淀区", "division_code": "110108"},
    )  # fmt: skip


def ineligible_report(path: str = "apps/bad.xlsx") -> FileReport:
    results = [
        result("CR101", Status.MET, weight=0),
        result("CR201", Status.MET, 30, "km²", "le", 100, credit=1, weight=5),
        result("CR202", Status.MISSING, None, "亿元", "ge", 40, weight=10),
        result("CR203", Status.NOT_MET, 65.5, "%", "gt", 70, weight=10,
               locations=[loc(path, "指标数据", 7, 4)]),
        result("CR501", Status.NOT_MET, 4, "%", "gt", 10, weight=5, unconfirmed=True),
    ]  # fmt: skip
    evaluation = Evaluation(
        PACK_ID, Verdict.INELIGIBLE, 41.7, results,
        [DimensionScore("core", 5, 25), DimensionScore("innovation", 0, 5)],
    )  # fmt: skip
    return FileReport(
        path=path, sha256="cd" * 32, size=2345,
        findings=[
            Finding("V290", loc(path, "指标数据", 5, 4), {"raw": "1,234", "value": 1234},
                    ftype=T_NORMALISED),
            Finding("CR203", loc(path, "指标数据", 7, 4, "indicators.sme_output.2022"),
                    {"value": 65.5}, ftype=T_SHARE),
            Finding("V201", loc(path, "指标数据", 9, 5, "indicators.total_output.2022"),
                    {"raw": "约四十亿"}, ftype=T_NUMBER),
            Finding("X301", loc(path, "基本信息", 3, 3),
                    {"text": '=HYPERLINK("x") [bold]red[/bold] \x1b[31m50% a,b:c\nnext'},
                    ftype=T_TEXT),
        ],
        evaluation=evaluation, pack_id=PACK_ID, seconds=0.5,
        summary={"cluster_name": "测试集群", "province": "北京市", "district": "大兴区"},
    )  # fmt: skip


def unreadable_report(path: str = "apps/broken.xlsx") -> FileReport:
    return FileReport(
        path=path, sha256=None, size=10,
        findings=[Finding("F104", loc(path), {"detail": "truncated"}, ftype=T_DAMAGED)],
        seconds=0.01,
    )  # fmt: skip


def all_reports() -> list[FileReport]:
    return [eligible_report(), ineligible_report(), unreadable_report()]


def context(**kw):
    from clusterctl.reports.formats import RenderContext

    kw.setdefault("cwd", "/work/project")
    kw.setdefault("tool_version", "0.0.0-test")
    return RenderContext(packs={PACK_ID: make_pack()}, **kw)
