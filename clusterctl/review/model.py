"""The expert forms as read back: judgements by application, and the rule that says whether a
form's judgements still apply to a file of the batch (:meth:`ExpertForms.match`).

A form names each application by its path as screened, its file name and the SHA-256 the
screen read; a file of the new batch is the form's application when its path is the same, else
when its file name is (and no other application on the forms has that name). The judgements
apply only when the file's SHA-256 is the one on the form (the application did not change since)
and the file is evaluated against the form's pack. Made in the parent, pickled to the workers in
:class:`clusterctl.pipeline.Options`, where :meth:`ExpertForms.for_report` gives the pipeline
the judgements and the findings of one file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from clusterctl.diagnostics import Finding, Location
from clusterctl.evaluation.experts import Judgement

DEFAULT_SPREAD = 0.5  # experts' credits further apart than this on one criterion: R506


@dataclass(frozen=True, slots=True)
class FormApplication:
    """One application on one form, with the judgements filled in for it."""

    form: str  # the form's path
    path: str  # the application's path as screened when the form was written
    sha256: str | None
    pack_id: str | None
    judgements: tuple[Judgement, ...] = ()
    cell: Location | None = None  # where the form names it (for messages)

    @property
    def name(self) -> str:
        return _name(self.path)


@dataclass(slots=True)
class ExpertForms:
    """Every form read back: the applications on them and the forms' own findings."""

    applications: list[FormApplication] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # about the forms themselves
    forms: list[str] = field(default_factory=list)  # forms read (whatever their findings)
    experts: dict[str, str] = field(default_factory=dict)  # form path -> expert's name
    spread: float = DEFAULT_SPREAD

    def of(self, path: str) -> list[FormApplication]:
        """The form entries for the file ``path`` of the batch (by path, else by file name)."""
        exact = [a for a in self.applications if a.path == path]
        if exact:
            return exact
        name = _name(path)
        by_name = [a for a in self.applications if a.name == name]
        if len({a.path for a in by_name}) == 1:
            return by_name
        return []

    def match(
        self, path: str, sha256: str | None, pack_id: str | None
    ) -> tuple[list[FormApplication], list[Finding]]:
        """The entries that apply to the file, and a finding for each that is refused."""
        applied: list[FormApplication] = []
        refused: list[Finding] = []
        for entry in self.of(path):
            if not entry.judgements:  # nothing filled in for it: nothing to apply or refuse
                continue
            form = os.path.basename(entry.form)
            if entry.sha256 is None or sha256 is None or entry.sha256 != sha256:
                params = {
                    "form": form,
                    "old": (entry.sha256 or "")[:12],
                    "new": (sha256 or "")[:12],
                }
                refused.append(Finding("R503", Location(path), params))
            elif entry.pack_id and pack_id and entry.pack_id != pack_id:
                params = {"form": form, "form_pack": entry.pack_id, "pack": pack_id}
                refused.append(Finding("R504", Location(path), params))
            else:
                applied.append(entry)
        return applied, refused

    def for_report(
        self, path: str, sha256: str | None, pack_id: str | None
    ) -> tuple[dict[str, list[Judgement]], list[Finding]]:
        """The judgements of the file by criterion code, and its findings (refused forms)."""
        applied, refused = self.match(path, sha256, pack_id)
        judged: dict[str, list[Judgement]] = defaultdict(list)
        for entry in applied:
            for judgement in entry.judgements:
                judged[judgement.code].append(judgement)
        return dict(judged), refused

    def applied_rows(
        self, path: str, sha256: str | None, pack_id: str | None
    ) -> Sequence[FormApplication]:
        return self.match(path, sha256, pack_id)[0]


def _name(path: str) -> str:
    return os.path.basename(path.replace("\\", "/"))


def spread_findings(
    judged: dict[str, list[Judgement]], results: Sequence, limit: float, path: str
) -> list[Finding]:
    """R506 for each criterion whose experts' credits lie further apart than ``limit``."""
    found = []
    by_code = {r.code: r for r in results}
    for code, judgements in judged.items():
        credits = [j.grade.credit for j in judgements]
        if len(credits) < 2 or max(credits) - min(credits) <= limit + 1e-9:
            continue
        result = by_code.get(code)
        where = result.locations[0] if result is not None and result.locations else Location(path)
        grades = "、".join(f"{j.expert}：{j.grade.label.zh}" for j in judgements)
        grades_en = "; ".join(f"{j.expert}: {j.grade.label.en}" for j in judgements)
        params = {"code": code, "grades": grades, "grades_en": grades_en}
        params["spread"] = max(credits) - min(credits)
        found.append(Finding("R506", where, {**params, "limit": limit}))
    return found
