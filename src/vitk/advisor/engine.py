"""The advisor engine: profile (+ optional diary) → facts → rules → :class:`Report`.

The engine orchestrates: it reads the profile and diary, builds the intake table once
(:mod:`vitk.advisor.intake_table`), the flat dict of *facts*
(:mod:`vitk.advisor.facts`), evaluates every rule in ``rules.yaml`` against them, and
assembles the report from the food options (:mod:`vitk.advisor.food_options`) and
the report sections (:mod:`vitk.advisor.sections`).
Every rule's outcome and the reasons for it are kept in ``Report.rule_trace``.

Unknown is not zero: without a diary, dietary intakes are ``None`` and comparisons
that need them are not made (the report says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitk.advisor.facts import MK7_FOOD_DAY_THRESHOLD_UG, build_facts
from vitk.advisor.food_options import (
    INFANT_MAX_AGE_Y,
    N_FOOD_OPTIONS,
    VKA_FOOD_FLAG_UG,
    FoodOption,
    food_options,
    food_section,
)
from vitk.advisor.intake_table import _Targets, intake_basis, intake_marks, intake_table
from vitk.advisor.medications import normalise_all
from vitk.advisor.profile import Profile
from vitk.advisor.profile_input import load_profile, profile_from_dict
from vitk.advisor.report import Report, SafetyItem, Statement
from vitk.advisor.rules import evaluate, load_rules
from vitk.advisor.sections import (
    COVERAGE_KEYS,
    FORMS,
    VITAMIN_D_TESTING_CONDITIONS,
    co_nutrients,
    intake_section,
    vitamin_d_status_section,
    vitamin_d_testing,
)
from vitk.errors import InputError

if TYPE_CHECKING:
    from vitk.foods.model import Food
    from vitk.intake.diary import Diary
    from vitk.intake.engine import IntakeSummary

#: Names kept importable from here: the engine was one module before it was split into
#: facts, intake table, food options and report sections.
__all__ = [
    "COVERAGE_KEYS",
    "FORMS",
    "INFANT_MAX_AGE_Y",
    "MK7_FOOD_DAY_THRESHOLD_UG",
    "N_FOOD_OPTIONS",
    "VITAMIN_D_TESTING_CONDITIONS",
    "VKA_FOOD_FLAG_UG",
    "FoodOption",
    "advise",
    "build_facts",
    "food_options",
    "intake_marks",
    "intake_table",
    "vitamin_d_testing",
]


def _coerce_profile(profile: Profile | Mapping[str, Any] | str | Path) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str | Path):
        return load_profile(profile)
    if isinstance(profile, Mapping):
        return profile_from_dict(profile)
    raise InputError(
        f"profile must be a Profile, a mapping of fields or a YAML/JSON file path; "
        f"got {type(profile).__name__}."
    )


_DIARY_KINDS = (
    "None, a diary file path (CSV/YAML/JSON), a list of rows with date, kind, item and "
    "amount, a vitk.intake.Diary or a vitk.intake.IntakeSummary"
)


def _coerce_diary(diary: Any) -> Diary | IntakeSummary | None:
    """A diary as the intake engine takes it, from any of the accepted forms.

    Accepted: None; a path (``str`` or ``Path``) to a diary file; a list (or tuple) of
    row mappings with ``date``, ``kind``, ``item`` and ``amount``, or of
    :class:`~vitk.intake.DiaryEntry`; a mapping with an ``entries`` list (the YAML/JSON
    diary layout); a :class:`~vitk.intake.Diary`; an already summarised
    :class:`~vitk.intake.IntakeSummary`. Anything else raises InputError naming the type.
    """
    from vitk.errors import DiaryError
    from vitk.intake import Diary, DiaryEntry, IntakeSummary, read_diary

    if diary is None or isinstance(diary, Diary | IntakeSummary):
        return diary
    if isinstance(diary, str | Path):
        return read_diary(diary)
    rows: Any = diary
    if isinstance(diary, Mapping):
        rows = diary.get("entries", diary.get("diary"))
        if not isinstance(rows, list | tuple):
            raise DiaryError(
                "diary mapping must hold a list of rows under 'entries', each with date, "
                f"kind, item and amount; got keys {', '.join(map(str, diary)) or '(none)'}."
            )
    if isinstance(rows, list | tuple):
        if rows and all(isinstance(r, DiaryEntry) for r in rows):
            return Diary(tuple(rows), "diary")
        return Diary.from_rows(rows, source="diary")
    raise InputError(f"diary must be {_DIARY_KINDS}; got {type(diary).__name__}.")


def _summarise(diary: Any, stage: Any) -> IntakeSummary | None:
    from vitk.intake import IntakeSummary, summarise

    coerced = _coerce_diary(diary)
    if coerced is None or isinstance(coerced, IntakeSummary):
        return coerced
    return summarise(coerced, stage=stage)


def advise(
    profile: Profile | Mapping[str, Any] | str | Path,
    diary: Any = None,
    *,
    targets: _Targets | None = None,
    foods: Iterable[Food] | None = None,
) -> Report:
    """A cited vitamin K report for one person.

    Parameters
    ----------
    profile : Profile, mapping or path
        The person (see :class:`vitk.advisor.Profile`; a YAML/JSON path is read).
    diary : path, list of rows, Diary or IntakeSummary, optional
        A food and supplement diary, read through :mod:`vitk.intake`: a CSV/YAML/JSON
        file path, a list of row mappings with ``date``, ``kind``, ``item`` and
        ``amount`` (``{"date": "2026-01-01", "kind": "food", "item": "natto",
        "amount": "40 g"}``), a :class:`~vitk.intake.Diary` or an already summarised
        :class:`~vitk.intake.IntakeSummary`.
    targets : ReferenceIntakes, optional
        Reference intakes; by default looked up for the profile's life stage.
    foods : iterable of Food, optional
        Foods to suggest from; by default the curated catalogue.

    Returns
    -------
    Report
        Safety items first, then intake, relevance, food options, supplement facts,
        co-nutrients and references. ``Report.to_dict()`` is the JSON form.

    Raises
    ------
    InputError
        If the profile or diary is invalid, or of a type not listed above (one-line
        message naming what was received and what is allowed); a bad diary row raises
        :class:`~vitk.errors.DiaryError`, a subclass.
    """
    p = _coerce_profile(profile)
    from vitk.lifestage import life_stage

    stage = life_stage(p.age_y, p.sex, p.pregnant, p.lactating)
    if targets is None:
        from vitk.intake.targets import reference_intakes

        targets = reference_intakes(stage)
    summary = _summarise(diary, stage)
    meds = normalise_all(list(p.medications))
    rules = load_rules()
    basis = intake_basis(p, meds, summary)
    facts = build_facts(p, meds, targets, summary, basis=basis)
    facts["life_stage_label"] = stage.label

    infant = p.age_y < INFANT_MAX_AGE_Y
    safety: list[SafetyItem] = []
    statements: list[Statement] = []
    trace: list[dict[str, Any]] = []
    for rule in rules.rules:
        ev = evaluate(rule, facts)
        trace.append({"rule_id": rule.id, "fired": ev.fired, "reasons": list(ev.reasons)})
        if rule.section == "safety":
            if ev.fired:
                safety.append(
                    SafetyItem(
                        rule.id,
                        rule.category,
                        rule.severity,
                        rule.grade,
                        rule.render(facts),
                        rule.citations,
                        ev.reasons,
                        rule.unverified,
                        rule.assertion_ids,
                    )
                )
        elif rule.section == "facts" and infant:
            continue  # no supplement facts for a baby: the food section points to the paediatrician
        else:
            applies = ev.applies
            if applies or rule.section == "facts":
                message = rule.render(facts)
            elif applies is None:
                message = rule.render_unknown(facts)
            else:
                message = rule.not_applies
            statements.append(
                Statement(
                    rule.id,
                    rule.section,
                    rule.title,
                    rule.grade,
                    applies,
                    message,
                    rule.citations,
                    ev.reasons,
                    rule.unverified,
                    rule.assertion_ids,
                )
            )

    if foods is None:
        from vitk.foods.catalogue import default_catalogue

        foods = default_catalogue().curated_foods()
    food, options, flagged = food_section(p, foods, rules, facts)

    intake = intake_section(p, targets, basis, facts)
    co = co_nutrients(targets, basis)
    vd = vitamin_d_status_section(p, facts)
    vd_testing = vitamin_d_testing(facts)

    keys: list[str] = []
    for item in safety:
        keys += item.citations
    keys += list(intake["caveat_citations"])
    for comp in intake["comparison"]:
        keys += comp["source_keys"]
    for form_row in intake["by_form"]:
        keys += form_row["source_keys"]
    for t in ("us", "efsa"):
        keys += intake["targets"][t]["source_keys"]
    for st in statements:
        keys += st.citations
    keys += food["note_citations"]
    for entry in [*food["vka_food_list"], *food["long_chain_k2"], *food["mk4_apart"]]:
        keys += entry["source_keys"]
    if food["consistency_target"]:
        keys += food["consistency_target"]["citations"]
    for o in [*options, *flagged]:
        keys += o.source_keys
    for row in co:
        keys += row["source_keys"] + row["intake_source_keys"]
    if vd is not None:
        keys += vd["source_keys"]
    keys += vd_testing["citations"]
    for m in meds:
        keys += m.citation_keys
    from vitk.references import cite, resolve

    refs = resolve(keys)
    cite(*(r.key for r in refs))
    return Report(
        person={
            "name": p.name,
            "life_stage": stage.label,
            "age_y": p.age_y,
            "sex": p.sex,
            "pregnant": p.pregnant,
            "lactating": p.lactating,
            "weight_kg": p.weight_kg,
        },
        safety=safety,
        unrecognised_medications=[m.to_dict() for m in meds if not m.recognised],
        medications=[m.to_dict() for m in meds],
        intake=intake,
        recommendations=statements,
        food_options=food,
        co_nutrients=co,
        vitamin_d_status=vd,
        vitamin_d_testing=vd_testing,
        rule_trace=trace,
        references=[{"key": r.key, "citation": r.formatted()} for r in refs],
    )
