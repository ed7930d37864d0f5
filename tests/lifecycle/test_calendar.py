"""Deadlines and validity windows as edition data (clusterctl/lifecycle/calendars.toml).

Expected dates come from the sources the data cites (research-editions.md section 2 and the
Beijing measures 第十五条-第十六条), not from the code."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from clusterctl.lifecycle.calendar import (
    CALENDARS_FILE,
    CalendarError,
    calendar_for,
    list_year_of,
    load_calendars,
    parse_calendars,
    report_deadline,
    validity_window,
)


def test_validity_windows_as_the_sources_print_them():
    # Guangdong 2023 batch: 2023-07-10 to 2026-07-09; 2024 batch 2024-07-10 to 2027-07-09
    assert validity_window("guangdong", 2023) == (date(2023, 7, 10), date(2026, 7, 9))
    assert validity_window("guangdong", 2024) == (date(2024, 7, 10), date(2027, 7, 9))
    # Hainan: 2023-07-01 to 2026-06-30
    assert validity_window("hainan", 2023) == (date(2023, 7, 1), date(2026, 6, 30))
    # national 2022 list (published 2023-01): "2023年至2025年"
    assert validity_window("national", 2022) == (date(2023, 1, 1), date(2025, 12, 31))
    # Beijing: the 2025 list 2025-2027, the 2026 list 2026-2028
    assert validity_window("beijing", 2025) == (date(2025, 1, 1), date(2027, 12, 31))
    assert validity_window("beijing", 2026) == (date(2026, 1, 1), date(2028, 12, 31))


def test_report_deadlines_by_list_year():
    # Beijing 第十六条: 每年3月底前 the previous year
    assert report_deadline("beijing", 2023, 2024) == date(2025, 3, 31)
    # national: 30 April for the 2022-2023 lists, 31 March from the 2024 list on
    assert report_deadline("national", 2022, 2023) == date(2024, 4, 30)
    assert report_deadline("national", 2023, 2025) == date(2026, 4, 30)
    assert report_deadline("national", 2024, 2025) == date(2026, 3, 31)
    assert report_deadline("national", 2025, 2026) == date(2027, 3, 31)
    assert report_deadline("guangdong", 2023, 2024) == date(2025, 3, 31)


def test_a_deadline_no_source_gives_is_an_error_not_a_guess():
    with pytest.raises(CalendarError, match="no sourced"):
        report_deadline("hainan", 2023, 2024)
    with pytest.raises(CalendarError, match="no rule"):
        validity_window("national", 2021)  # before the first national list


def test_calendar_for_editions_families_and_jurisdictions():
    assert calendar_for("beijing-2023").jurisdiction == "beijing"
    assert calendar_for("Beijing").jurisdiction == "beijing"
    assert calendar_for("national-2022").jurisdiction == "national"
    assert calendar_for("beijing-2026").jurisdiction == "beijing"  # a newer edition: its family
    with pytest.raises(CalendarError, match="known: "):
        calendar_for("atlantis-2024")


def test_every_rule_names_its_source():
    for cal in load_calendars().values():
        for rule in cal.rules:
            assert rule.window_source.document and rule.window_source.address
            if rule.report_due is not None:
                assert rule.due_source is not None and rule.due_source.address


def _raw() -> dict:
    with open(CALENDARS_FILE, "rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["jurisdictions"]["beijing"].update(colour="red"), "unknown keys colour"),
        (
            lambda r: r["jurisdictions"]["beijing"]["rules"][0].update(window_start="13-01"),
            "no day",
        ),
        (lambda r: r["jurisdictions"]["beijing"]["rules"][0].pop("window_source"), "window_source"),
        (lambda r: r["jurisdictions"]["beijing"]["rules"][0].pop("due_source"), "go together"),
        (
            lambda r: r["jurisdictions"]["national"]["rules"][1].update(first_list=2022),
            "overlap",
        ),
        (
            lambda r: r["jurisdictions"]["hainan"]["rules"][0]["window_source"].update(
                confidence="sure"
            ),
            "confidence",
        ),
        (lambda r: r["jurisdictions"]["hainan"].update(editions=["beijing"]), "two calendars"),
    ],
)
def test_a_bad_calendar_file_is_refused_naming_the_key(mutate, message):
    raw = _raw()
    mutate(raw)
    with pytest.raises(CalendarError, match=message):
        parse_calendars(raw)


def test_a_calendar_file_that_is_not_toml(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text("[jurisdictions\n", encoding="utf-8")
    with pytest.raises(CalendarError, match=r"c\.toml"):
        load_calendars(bad)


def test_list_year_of_batch_texts():
    assert list_year_of("2023年度") == 2023
    assert list_year_of("第二批（2024年）") == 2024
    assert list_year_of("第一批") is None and list_year_of(None) is None
