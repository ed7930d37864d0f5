"""Province-level divisions of GB/T 2260: code (first two digits) to names."""

from __future__ import annotations

import re

from clusterctl.i18n import Text, t

PROVINCES: dict[str, Text] = {
    "11": t("北京市", "Beijing"),
    "12": t("天津市", "Tianjin"),
    "13": t("河北省", "Hebei"),
    "14": t("山西省", "Shanxi"),
    "15": t("内蒙古自治区", "Inner Mongolia"),
    "21": t("辽宁省", "Liaoning"),
    "22": t("吉林省", "Jilin"),
    "23": t("黑龙江省", "Heilongjiang"),
    "31": t("上海市", "Shanghai"),
    "32": t("江苏省", "Jiangsu"),
    "33": t("浙江省", "Zhejiang"),
    "34": t("安徽省", "Anhui"),
    "35": t("福建省", "Fujian"),
    "36": t("江西省", "Jiangxi"),
    "37": t("山东省", "Shandong"),
    "41": t("河南省", "Henan"),
    "42": t("湖北省", "Hubei"),
    "43": t("湖南省", "Hunan"),
    "44": t("广东省", "Guangdong"),
    "45": t("广西壮族自治区", "Guangxi"),
    "46": t("海南省", "Hainan"),
    "50": t("重庆市", "Chongqing"),
    "51": t("四川省", "Sichuan"),
    "52": t("贵州省", "Guizhou"),
    "53": t("云南省", "Yunnan"),
    "54": t("西藏自治区", "Tibet"),
    "61": t("陕西省", "Shaanxi"),
    "62": t("甘肃省", "Gansu"),
    "63": t("青海省", "Qinghai"),
    "64": t("宁夏回族自治区", "Ningxia"),
    "65": t("新疆维吾尔自治区", "Xinjiang"),
    "71": t("台湾省", "Taiwan"),
    "81": t("香港特别行政区", "Hong Kong"),
    "82": t("澳门特别行政区", "Macao"),
}

_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


def _short(name: str) -> str:
    return _SUFFIX.sub("", name.strip())


_BY_NAME: dict[str, str] = {}
for _code, _text in PROVINCES.items():
    _BY_NAME[_text.zh] = _code
    _BY_NAME[_short(_text.zh)] = _code
    _BY_NAME[_text.en.lower()] = _code


def province_code_for_name(name: str) -> str | None:
    """``"江苏省"``, ``"江苏"`` or ``"Jiangsu"`` → ``"32"``; None when not a province name."""
    name = name.strip()
    return _BY_NAME.get(name) or _BY_NAME.get(_short(name)) or _BY_NAME.get(name.lower())


def province_name(code: str) -> Text | None:
    return PROVINCES.get(code[:2])
