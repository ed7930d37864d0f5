"""Build the published JSON Schema of pack files from the keys' declarations.

The pack-level, section, indicator and common criterion keys are declared in
:mod:`clusterctl.criteria.keys`; each kind's own keys in its rule module (``KEYS``). The schema
is written to ``clusterctl/criteria/pack.schema.json`` (shipped, for users' editors and for the
loader); regenerate it after changing a declaration with::

    python -m clusterctl.evaluation.pack_schema

(a test fails while the file is out of date).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from clusterctl.criteria.keys import (
    CRITERION_KEYS,
    INDICATOR_KEYS,
    INHERITED,
    MAX_CRITERIA,
    MAX_ENTRIES,
    MAX_TEXT,
    PACK_KEYS,
    SECTION_KEYS,
    Key,
)
from clusterctl.criteria.model import Kind
from clusterctl.evaluation.kinds import keys_of, title_of

SCHEMA_FILE = Path(__file__).parents[1] / "criteria" / "pack.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
OVERRIDE = "override"


def _doc(key: Key) -> str:
    return f"{key.doc.zh} / {key.doc.en}"


def key_schema(key: Key) -> dict[str, Any]:
    """The JSON Schema of one key's value."""
    schema: dict[str, Any]
    if key.type == "str":
        schema = {"type": "string", "maxLength": MAX_TEXT}
        if key.choices:
            schema["enum"] = list(key.choices)
        if key.pattern:
            schema["pattern"] = key.pattern
    elif key.type == "int":
        schema = {"type": "integer"}
    elif key.type == "number":
        schema = {"type": "number"}
    elif key.type == "bool":
        schema = {"type": "boolean"}
    elif key.type == "text":
        schema = {"$ref": "#/$defs/text"}
    elif key.type == "str-list":
        item: dict[str, Any] = {"type": "string", "maxLength": MAX_TEXT}
        if key.choices:
            item["enum"] = list(key.choices)
        schema = {"type": "array", "items": item, "maxItems": key.max_items or MAX_ENTRIES}
    elif key.type == "table-list":
        schema = {
            "type": "array",
            "items": table_schema(key.items),
            "maxItems": key.max_items or MAX_ENTRIES,
        }
    else:  # pragma: no cover - a declaration error
        raise ValueError(f"unknown key type {key.type!r}")
    if key.minimum is not None:
        schema["minimum"] = key.minimum
    if key.maximum is not None:
        schema["maximum"] = key.maximum
    if key.min_items is not None:
        schema["minItems"] = key.min_items
    if key.pattern_doc is not None:
        schema["x-pattern-doc"] = {"zh": key.pattern_doc.zh, "en": key.pattern_doc.en}
    if key.default is not None:
        schema["default"] = key.default
    return {"description": _doc(key), **schema}


def table_schema(keys: tuple[Key, ...], *, required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {k.name: key_schema(k) for k in keys},
        "additionalProperties": False,
    }
    if required and any(k.required for k in keys):
        schema["required"] = [k.name for k in keys if k.required]
    return schema


def criterion_schema(kind: Kind) -> dict[str, Any]:
    """One branch of the union: the common keys, ``kind = <kind>`` and the kind's own keys."""
    keys = CRITERION_KEYS + keys_of(kind)
    schema = table_schema(keys)
    title = title_of(kind)
    schema["properties"]["kind"] = {"description": f"{title.zh} / {title.en}", "const": kind.value}
    return schema


def override_schema() -> dict[str, Any]:
    """An entry of an extending pack that changes an inherited criterion: ``code`` and the keys
    it changes, no ``kind`` (the merged criterion is checked against its kind's branch)."""
    seen: dict[str, Key] = {}
    for kind in Kind:
        for key in CRITERION_KEYS + keys_of(kind):
            seen.setdefault(key.name, key)
    seen.pop("kind")
    schema = table_schema(tuple(seen.values()), required=False)
    schema["required"] = ["code"]
    schema["not"] = {"required": ["kind"]}
    return schema


def build_schema() -> dict[str, Any]:
    pack_keys = {k.name: key_schema(k) for k in PACK_KEYS}
    pack_keys["sections"] = {
        "description": "章节，按顺序 / the sections, in order",
        "type": "array",
        "items": {"$ref": "#/$defs/section"},
        "maxItems": MAX_ENTRIES,
    }
    pack_keys["indicators"] = {
        "description": "读取的指标 / the indicators it reads",
        "type": "array",
        "items": {"$ref": "#/$defs/indicator"},
        "maxItems": MAX_ENTRIES,
    }
    pack_keys["criteria"] = {
        "description": "认定条件 / the criteria",
        "type": "array",
        "items": {"$ref": "#/$defs/criterion"},
        "maxItems": MAX_CRITERIA,
    }
    required = [k.name for k in PACK_KEYS if k.required] + ["sections", "criteria"]
    branches = [{"$ref": f"#/$defs/criterion.{kind.value}"} for kind in Kind]
    branches.append({"$ref": f"#/$defs/{OVERRIDE}"})
    text = {
        "type": "object",
        "properties": {
            lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": r"\S"}
            for lang in ("zh", "en")
        },
        "required": ["zh", "en"],
        "additionalProperties": False,
    }
    defs: dict[str, Any] = {
        "text": text,
        "section": table_schema(SECTION_KEYS),
        "indicator": table_schema(INDICATOR_KEYS),
        "criterion": {"oneOf": branches},
        **{f"criterion.{kind.value}": criterion_schema(kind) for kind in Kind},
        OVERRIDE: override_schema(),
    }
    return {
        "$schema": DIALECT,
        "title": "clusterctl criteria pack / 认定标准文件",
        "description": "See docs/criteria-packs.md. Regenerate: python -m "
        "clusterctl.evaluation.pack_schema",
        "type": "object",
        "properties": pack_keys,
        "additionalProperties": False,
        "if": {"required": ["extends"]},
        "then": {"required": [k for k in required if k not in (*INHERITED, "sections")]},
        "else": {"required": required},
        "$defs": defs,
    }


def render() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
