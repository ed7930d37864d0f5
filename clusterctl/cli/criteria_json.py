"""The criteria packs as data: what ``clusterctl criteria list|show --output-format json`` and
``clusterctl rule --output-format json`` print for a pack, its call and each criterion. Split from
:mod:`clusterctl.cli.criteria_cmd`."""

from typing import TYPE_CHECKING, Any

from clusterctl.i18n import Lang

if TYPE_CHECKING:
    from clusterctl.criteria.model import Criterion, Pack


def aliases(pack: "Pack") -> list[str]:
    """The family alias and the edition year, when they select this pack."""
    from clusterctl.criteria.loader import resolve_pack

    found = []
    for selector in (pack.family, str(pack.edition_year)):
        try:
            if selector and resolve_pack(selector).id == pack.id:
                found.append(selector)
        except LookupError:
            pass
    return found


def call_dict(pack: "Pack", lang: Lang) -> dict[str, Any] | None:
    """The call the pack's quota comes from (calls.toml), or None."""
    from clusterctl.criteria.calls import get_call

    call = get_call(pack.call)
    if call is None:
        return None
    return {
        "id": call.id,
        "title": call.title.get(lang),
        "year": call.year,
        "per": call.per,
        "quota": call.quota,
        "quota_text": call.quota_text().get(lang),
        "exceptions": [
            {"name": e.name.get(lang), "quota": e.quota, "prefixes": list(e.prefixes)}
            for e in call.exceptions
        ],
        "one_per_niche": call.one_per_niche,
        "source": call.source,
        "source_url": call.source_url,
    }


def pack_dict(pack: "Pack", lang: Lang) -> dict[str, Any]:
    confirmed, numbers = pack.numbers_confirmed()
    return {
        "id": pack.id,
        "title": pack.title.get(lang),
        "jurisdiction": pack.jurisdiction.get(lang),
        "level": pack.level,
        "edition_year": pack.edition_year,
        "family": pack.family or None,
        "aliases": aliases(pack),
        "source": pack.source,
        "template_version": pack.template_version,
        "criteria_count": len(pack.criteria),
        "confirmed": pack.confirmed,
        "numbers_confirmed": confirmed,
        "numbers_total": numbers,
        "quota": pack.quota,
        "quota_note": pack.quota_note,
        "extends": pack.extends,
        "call": call_dict(pack, lang),
    }


def criterion_dict(c: "Criterion", lang: Lang) -> dict[str, Any]:
    from clusterctl.evaluation.sentences import requirement

    return {
        "code": c.code,
        "name": c.name,
        "section": c.section,
        "dimension": c.section,  # the former name, kept for one release
        "title": c.title.get(lang),
        "clause": c.clause,
        "kind": c.kind.value,
        "requirement": requirement(c, lang),
        "metric": c.metric,
        "op": c.op.value if c.op else None,
        "threshold": c.threshold,
        "unit": c.unit,
        "years": c.years.value if c.years else None,
        "applies_if": c.applies_if,
        "severity": c.severity.value,
        "weight": c.weight,
        "provenance": c.provenance.value,
        "source_note": c.source_note,
        "source_url": c.source_url,
        "aliases": list(c.aliases),
    }
