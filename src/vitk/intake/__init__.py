"""Intake: diaries of foods and supplements become daily totals by vitamin K form."""

from __future__ import annotations

from vitk.intake.diary import Diary, DiaryEntry, read_diary
from vitk.intake.engine import DAY_FIELDS, IntakeSummary, summarise

__all__ = ["DAY_FIELDS", "Diary", "DiaryEntry", "IntakeSummary", "read_diary", "summarise"]
