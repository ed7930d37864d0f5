"""Helpers for workbook tests: a small pack built from the model (independent of the shipped
packs) and a spec that fills the template as a clearly eligible application."""

from __future__ import annotations

from clusterctl.criteria.model import (
    Criterion,
    Dimension,
    IndicatorSpec,
    Kind,
    Op,
    Pack,
    Severity,
    YearMode,
)
from clusterctl.i18n import t
from clusterctl.workbook.fields import INDICATORS
from clusterctl.workbook.identifiers import make_uscc

# The pack declares the catalogue's indicators (as the criteria loader's interim step does).
CATALOGUE = tuple(
    IndicatorSpec(i.key, i.label, i.unit, i.type.value, i.required, i.help) for i in INDICATORS
)


def _readers(reads: tuple[str, ...] = ()) -> tuple[Criterion, ...]:
    """A pack's workbook holds only the indicators its criteria read: one soft, weightless
    criterion per required catalogue indicator (beyond total output) and per optional one in
    ``reads`` keeps their rows in the template."""
    return tuple(
        Criterion(
            f"CR8{n:02d}",
            f"reads-{spec.key}".replace("_", "-"),
            Dimension.OPEN,
            spec.label,
            "测试：读取该指标",
            Kind.THRESHOLD,
            severity=Severity.SOFT,
            metric=spec.key,
            op=Op.GE,
            threshold=0,
            unit=spec.unit.zh,
            years=YearMode.LATEST,
        )
        for n, spec in enumerate(CATALOGUE)
        if spec.key != "total_output" and (spec.required or spec.key in reads)
    )


def small_pack(
    pack_id: str = "test-2023", province_code: str | None = "11", reads: tuple[str, ...] = ()
) -> Pack:
    """A small pack reading the catalogue's required indicators, and the optional ``reads``."""
    return Pack(
        id=pack_id,
        title=t("测试标准（2023年版）", "Test standard (2023)"),
        jurisdiction=t("北京市", "Beijing"),
        level="区级",
        edition_year=2023,
        source="tests",
        template_version="1",
        province_code=province_code,
        indicators=CATALOGUE,
        criteria=(
            Criterion(
                "CR201",
                "total-output",
                Dimension.CORE,
                t("总产值", "Total output"),
                "近三年产值均在40亿元以上",
                Kind.THRESHOLD,
                metric="total_output",
                op=Op.GE,
                threshold=40,
                unit="亿元",
                years=YearMode.EACH,
            ),
            Criterion(
                "CR401",
                "chain-layout",
                Dimension.CHAIN,
                t("产业链布局合理", "Chain layout"),
                "集群产业链布局合理",
                Kind.QUALITATIVE,
            ),
            Criterion(
                "CR402",
                "sharing",
                Dimension.CHAIN,
                t("共享机制", "Sharing"),
                "建立了共享机制",
                Kind.QUALITATIVE,
            ),
            Criterion(
                "CR101",
                "no-accidents",
                Dimension.BASIC,
                t("无重大事故", "No accidents"),
                "集群企业近三年未发生较大及以上安全事故",
                Kind.DECLARATION,
            ),
            Criterion(
                "CR102",
                "credit",
                Dimension.BASIC,
                t("无不良信用记录", "Clean credit"),
                "无不良信用记录",
                Kind.DECLARATION,
            ),
            *_readers(reads),
        ),
    )


def firm(i: int, **overrides):
    row = {
        "name": f"北京测试科技有限公司{i:02d}",
        "uscc": make_uscc(f"91110108MA0{i:02d}ABC1"[:17].ljust(17, "0")),
        "size": "小型",
        "in_leading": "是",
        "revenue": 1.5,
    }
    row.update(overrides)
    return row


def eligible_spec() -> dict:
    return {
        "basic": {
            "cluster_name": "北京市海淀区行业应用软件产业集群",
            "province": "北京市",
            "city": "北京市",
            "district": "海淀区",
            "division_code": "110108",
            "leading_industry": "软件和信息技术服务业",
            "niche": "行业应用软件",
            "area_km2": 38.5,
            "operator_name": "测试集群管理委员会",
            "operator_uscc": make_uscc("11110108MB0000000"),
            "applicant": "测试集群管理委员会",
            "contact_person": "张三",
            "contact_phone": "010-12345678",
            "contact_email": "test@example.com",
            "application_year": 2023,
            "high_energy": "否",
            "high_water": "否",
        },
        "indicators": {
            "total_output": [52.0, 58.3, 66.1],
            "sme_output": [40.1, 45.0, 51.2],
            "leading_output": [41.0, 46.2, 52.9],
            "firm_count": [210, 225, 240],
            "sme_rd_spending": [80000, 90000, 101000],
            "invention_patents": [3000, 3500, 4100],
            "employees": [52000, 55000, 58000],
            "platform_firms": [40, 48, 60],
            "co2_intensity": [0.31, 0.29, 0.27],
        },
        "roster": [firm(i, q_high_tech=2020 + i % 3) for i in range(1, 13)],
        "qualitative": {
            "CR401": {"met": "是", "description": "上下游协同", "evidence": "产业链图谱"},
            "CR402": {"met": "是", "description": "共享工厂", "evidence": "共享协议"},
        },
        "declarations": {"CR101": "是", "CR102": "是"},
        "signatory": "李四",
        "signed_on": "2023-05-01",
    }
