"""A plan as text, Markdown, HTML or JSON; safety first, references last.

Every sentence a person reads about the plan is written here (the CLI and the web page
only call :func:`render` or read :meth:`~vitk.planner.result.Plan.to_dict`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import escape

from vitk.errors import InputError
from vitk.nutrients import FIELD
from vitk.planner.candidates import field_label
from vitk.planner.result import Plan

__all__ = ["FORMATS", "TOTAL_COLUMNS", "render"]

FORMATS = ("text", "md", "html", "json")
#: Said when no safety rule applies to the person.
NO_SAFETY_ITEM = (
    "No safety warning applies to this profile. Tell your doctor or pharmacist before a large "
    "change of diet if you take any medicine."
)
#: Per-day total columns shown in tables (the intake JSON's field names).
TOTAL_COLUMNS = (
    "k1_ug",
    "mk4_ug",
    "mk7_ug",
    "mk_long_other_ug",
    "k_total_ug",
    "calcium_mg",
    "vitamin_d_ug",
    "magnesium_mg",
)


def _num(x: float | None, digits: int = 0) -> str:
    if x is None:
        return "n.m."
    return f"{x:,.{digits}f}"


def _unit(name: str) -> str:
    return FIELD[name].unit_symbol if name in FIELD else "µg"


def status_line(plan: Plan) -> str:
    """One line: the solver status in words."""
    s = plan.solver
    gap = s.get("mip_gap")
    gap_text = "" if gap is None else f", gap {100 * gap:.2f} %"
    words = {
        "optimal": "a plan that meets every goal",
        "infeasible": "no plan meets every goal; the best plan that exists is shown",
        "time_limit": "the solver stopped at its time limit; the best plan found is shown",
    }[plan.status]
    return (
        f"Status: {plan.status} ({words}). Solver: HiGHS, {s['solve_s']:.2f} s, "
        f"{s['variables']} variables{gap_text}."
    )


def goal_lines(plan: Plan) -> list[str]:
    """Each target in words, with its source keys."""
    out = []
    for t in plan.goal["targets"]:
        unit = t["unit"]
        if t["kind"] == "band":
            text = (
                f"{t['label']}: {t['low']:.0f}-{t['high']:.0f} {unit} every day "
                f"(about {t['amount']:.0f} {unit})"
            )
        else:
            sign = "at least" if t["kind"] == "at_least" else "at most"
            per = " on average over the days" if t["basis"] == "week" else " every day"
            text = f"{t['label']}: {sign} {t['amount']:g} {unit}/d{per}"
            if t["kind"] == "at_least" and t["usual"]:
                text += f" (usual intake {t['usual']:g} {unit}/d)"
            if not t["hard"]:
                text += ", where the limits allow"
        keys = "; ".join(t["source_keys"])
        out.append(f"{text} — {t['note']}" + (f" [{keys}]" if keys else ""))
    s = plan.goal["settings"]
    out.append(
        f"Limits: at most {s['max_servings_per_day']} serving(s) of a food a day and "
        f"{plan.goal['days_limit']} day(s) of one kind of food in {s['days']} days; the planned "
        f"foods add at most {plan.goal['energy_budget_kcal']:g} kcal a day "
        f"({100 * s['energy_share']:g} % of {s['reference_energy_kcal']:g} kcal) "
        f"[FDA-CFR101.9] and weigh at most {s['max_grams_per_day']:g} g a day."
    )
    return out


def item_text(item: dict[str, Any]) -> str:
    k = item["values"].get("k_total_ug")
    return (
        f"{item['servings']} × {item['portion']} {item['name']} ({item['grams']:g} g; "
        f"vitamin K {_num(k)} µg)"
    )


def supplement_text(plan: Plan) -> str:
    s = plan.supplement
    if s is None:
        return "Supplement: none."
    return f"Supplement: {s['form']} {s['dose_ug']:g} µg a day (a form and dose, no brand)."


def effect_lines(plan: Plan) -> list[str]:
    """The predicted effect in words, each with the model's validation note."""
    e = plan.predicted_effect
    if e is None:
        return ["Not computed (nothing planned, or effect=False)."]
    out = [f"Basis: {e['basis']}."]
    serum = e["serum"]
    for row in serum["by_form"].values():
        out.append(
            f"Serum {row['label']}: {_num(row['plan_nmol_per_l'], 2)} nmol/L with the plan, "
            f"{_num(row['current_nmol_per_l'], 2)} nmol/L without ({serum['what']})."
        )
    out.append(f"Model check: {serum['validation']['note']}")
    m = e["carboxylation"]
    out.append(
        f"ucOC: {_num(m['ucoc_change_pct'], 1)} %, dp-ucMGP: {_num(m['dp_ucmgp_change_pct'], 1)} "
        f"% ({m['what']}; negative = better carboxylated). Model check: {m['validation']['note']}"
    )
    inr = e.get("inr")
    if inr:
        out.append(
            f"INR ({inr['vka']}): {inr['plan_inr']:.2f} with the plan against "
            f"{inr['current_inr']:.2f} on your usual diary; change {inr['change']:+.2f} "
            f"(90 % interval {inr['change_p5']:+.2f} to {inr['change_p95']:+.2f}; {inr['what']}). "
            f"Model check: {inr['validation']['note']}"
        )
    out.append(e["disclaimer"])
    return out


def exchange_lines(plan: Plan) -> list[str]:
    out = []
    for e in plan.exchange_list or []:
        head = f"{e['name']} ({e['portion']}, {e['k_total_ug']:g} µg vitamin K)"
        if e.get("note"):
            out.append(f"{head}: {e['note']}")
        elif e["swaps"]:
            swaps = "; ".join(
                f"{s['servings']} × {s['portion']} {s['name']} ({s['k_total_ug']:g} µg)"
                for s in e["swaps"]
            )
            out.append(f"{head} can be swapped for: {swaps}.")
        else:
            out.append(f"{head}: no food that fits you comes close; keep it, or ask your clinic.")
    return out


def _text(plan: Plan) -> str:
    lines: list[str] = []
    p = plan.person
    mode = "steady vitamin K plan" if plan.mode == "steady" else "vitamin K meal plan"
    lines.append(f"vitk {mode} — {p['life_stage']}, {p['diet']['pattern']}")
    lines.append(plan.disclaimer)
    lines.append("")
    lines.append("SAFETY")
    for s in plan.safety:
        lines.append(f"- [{s['severity']}] {s['message']}")
    if not plan.safety:
        lines.append(f"- {NO_SAFETY_ITEM}")
    lines.append("")
    lines.append(status_line(plan))
    if plan.message:
        lines.append(f"No plan meets every goal: {plan.message}")
    lines.append("")
    lines.append("GOALS")
    lines += [f"- {g}" for g in goal_lines(plan)]
    lines.append("")
    lines.append("PLAN")
    for d in plan.days:
        items = "; ".join(item_text(i) for i in d["items"]) or "nothing to add"
        lines.append(f"Day {d['day']}: {items}")
    lines.append(supplement_text(plan))
    lines.append("")
    lines.append(
        "PER-DAY TOTALS ("
        + ("planned foods and kept supplements" if plan.mode == "steady" else "usual intake + plan")
        + ")"
    )
    head = ["day", *(FIELD[c].abbreviation for c in TOTAL_COLUMNS), "goals"]
    rows = [head]
    for d in plan.days:
        met = all(g["met"] for g in d["goals"] if g["hard"])
        rows.append(
            [
                str(d["day"]),
                *(_num(d["totals"][c], 1 if _unit(c) == "µg" else 0) for c in TOTAL_COLUMNS),
                "met" if met else "short",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append("Units: µg, except Ca and Mg in mg.")
    lines.append("")
    lines.append("SHOPPING LIST")
    for s in plan.shopping_list:
        lines.append(f"- {s['name']}: {s['servings']} × {s['portion']} ({s['grams']:g} g)")
    if not plan.shopping_list:
        lines.append("- nothing")
    if plan.exchange_list is not None:
        lines.append("")
        lines.append("EXCHANGE LIST (about the same vitamin K)")
        lines += [f"- {e}" for e in exchange_lines(plan)] or ["- nothing planned"]
    lines.append("")
    lines.append("PREDICTED EFFECT (model illustration)")
    lines += [f"- {e}" for e in effect_lines(plan)]
    if plan.notes:
        lines.append("")
        lines.append("NOTES")
        lines += [f"- {n}" for n in plan.notes]
    lines.append("")
    lines.append("SOURCES OF FOOD VALUES")
    lines += [f"- {s}" for s in source_lines(plan)]
    lines.append("")
    lines.append("REFERENCES")
    lines += [f"[{r['key']}] {r['citation']}" for r in plan.references]
    return "\n".join(lines) + "\n"


def source_lines(plan: Plan) -> list[str]:
    """Per planned food, the source keys of its values."""
    seen: dict[str, str] = {}
    for d in plan.days:
        for item in d["items"]:
            if item["food_id"] in seen:
                continue
            parts = [
                f"{field_label(f) if f in FIELD else f}: {', '.join(keys)}"
                for f, keys in item["source_keys"].items()
                if f
                in (
                    "k1_ug",
                    "mk4_ug",
                    "mk7_ug",
                    "mk_long_other_ug",
                    "calcium_mg",
                    "vitamin_d_ug",
                    "magnesium_mg",
                    "energy",
                )
            ]
            note = (
                " (energy estimated: highest in its food group)" if item["energy_estimated"] else ""
            )
            seen[item["food_id"]] = (
                f"{item['name']} [{item['food_id']}]: " + "; ".join(parts) + note
            )
    return list(seen.values())


def _md(plan: Plan) -> str:
    out: list[str] = []
    p = plan.person
    mode = "Steady vitamin K plan" if plan.mode == "steady" else "Vitamin K meal plan"
    out.append(f"# {mode}: {p['life_stage']}, {p['diet']['pattern']}")
    out.append("")
    out.append(f"*{plan.disclaimer}*")
    out.append("")
    out.append("## Safety")
    out.append("")
    out += [f"- **{s['severity']}**: {s['message']}" for s in plan.safety] or [
        f"- {NO_SAFETY_ITEM}"
    ]
    out.append("")
    out.append(status_line(plan))
    if plan.message:
        out.append("")
        out.append(f"**No plan meets every goal:** {plan.message}")
    out.append("")
    out.append("## Goals")
    out.append("")
    out += [f"- {g}" for g in goal_lines(plan)]
    out.append("")
    out.append("## Plan")
    out.append("")
    out.append("| Day | Foods | kcal |")
    out.append("| --- | --- | ---: |")
    for d in plan.days:
        items = "<br>".join(item_text(i) for i in d["items"]) or "nothing to add"
        out.append(f"| {d['day']} | {items} | {d['energy_kcal']:g} |")
    out.append("")
    out.append(supplement_text(plan))
    out.append("")
    out.append("## Per-day totals")
    out.append("")
    cols = [f"{FIELD[c].short_label} ({_unit(c)})" for c in TOTAL_COLUMNS]
    out.append("| Day | " + " | ".join(cols) + " | Goals |")
    out.append("| ---: | " + " | ".join("---:" for _ in cols) + " | --- |")
    for d in plan.days:
        met = all(g["met"] for g in d["goals"] if g["hard"])
        vals = " | ".join(_num(d["totals"][c], 1) for c in TOTAL_COLUMNS)
        out.append(f"| {d['day']} | {vals} | {'met' if met else 'short'} |")
    out.append("")
    out.append("## Shopping list")
    out.append("")
    out += [
        f"- {s['name']}: {s['servings']} × {s['portion']} ({s['grams']:g} g)"
        for s in plan.shopping_list
    ] or ["- nothing"]
    if plan.exchange_list is not None:
        out.append("")
        out.append("## Exchange list")
        out.append("")
        out += [f"- {e}" for e in exchange_lines(plan)] or ["- nothing planned"]
    out.append("")
    out.append("## Predicted effect (model illustration)")
    out.append("")
    out += [f"- {e}" for e in effect_lines(plan)]
    if plan.notes:
        out.append("")
        out.append("## Notes")
        out.append("")
        out += [f"- {n}" for n in plan.notes]
    out.append("")
    out.append("## Sources of food values")
    out.append("")
    out += [f"- {s}" for s in source_lines(plan)]
    out.append("")
    out.append("## References")
    out.append("")
    out += [f"- **{r['key']}**: {r['citation']}" for r in plan.references]
    return "\n".join(out) + "\n"


def html_body(plan: Plan) -> str:
    """The plan as an HTML fragment (escaped), for a page or a standalone file."""
    e = escape
    h: list[str] = []
    p = plan.person
    mode = "Steady vitamin K plan" if plan.mode == "steady" else "Vitamin K meal plan"
    h.append(f"<h1>{e(mode)}: {e(p['life_stage'])}, {e(p['diet']['pattern'])}</h1>")
    h.append(f"<p class='disclaimer'><em>{e(plan.disclaimer)}</em></p>")
    h.append("<section class='safety'><h2>Safety</h2><ul>")
    h += [
        f"<li class='{e(s['severity'])}'><strong>{e(s['severity'])}</strong>: "
        f"{e(s['message'])}</li>"
        for s in plan.safety
    ] or [f"<li>{e(NO_SAFETY_ITEM)}</li>"]
    h.append("</ul></section>")
    h.append(f"<p class='status status-{e(plan.status)}'>{e(status_line(plan))}</p>")
    if plan.message:
        h.append(
            "<p class='infeasible'><strong>No plan meets every goal:</strong> "
            f"{e(plan.message)}</p>"
        )
    h.append("<h2>Goals</h2><ul>")
    h += [f"<li>{e(g)}</li>" for g in goal_lines(plan)]
    h.append(
        "</ul><h2>Plan</h2><table class='plan'><thead><tr><th>Day</th><th>Foods</th>"
        "<th>kcal</th></tr></thead><tbody>"
    )
    for d in plan.days:
        items = "<br>".join(str(e(item_text(i))) for i in d["items"]) or "nothing to add"
        h.append(f"<tr><td>{d['day']}</td><td>{items}</td><td>{d['energy_kcal']:g}</td></tr>")
    h.append(f"</tbody></table><p>{e(supplement_text(plan))}</p>")
    h.append("<h2>Per-day totals</h2><table class='totals'><thead><tr><th>Day</th>")
    h += [f"<th>{e(FIELD[c].short_label)} ({e(_unit(c))})</th>" for c in TOTAL_COLUMNS]
    h.append("<th>Goals</th></tr></thead><tbody>")
    for d in plan.days:
        met = all(g["met"] for g in d["goals"] if g["hard"])
        cells = "".join(f"<td>{e(_num(d['totals'][c], 1))}</td>" for c in TOTAL_COLUMNS)
        h.append(f"<tr><td>{d['day']}</td>{cells}<td>{'met' if met else 'short'}</td></tr>")
    h.append("</tbody></table><h2>Shopping list</h2><ul>")
    h += [
        f"<li>{e(s['name'])}: {s['servings']} × {e(s['portion'])} ({s['grams']:g} g)</li>"
        for s in plan.shopping_list
    ] or ["<li>nothing</li>"]
    h.append("</ul>")
    if plan.exchange_list is not None:
        h.append("<h2>Exchange list</h2><ul>")
        h += [f"<li>{e(x)}</li>" for x in exchange_lines(plan)] or ["<li>nothing planned</li>"]
        h.append("</ul>")
    h.append("<h2>Predicted effect (model illustration)</h2><ul>")
    h += [f"<li>{e(x)}</li>" for x in effect_lines(plan)]
    h.append("</ul>")
    if plan.notes:
        h.append("<h2>Notes</h2><ul>")
        h += [f"<li>{e(n)}</li>" for n in plan.notes]
        h.append("</ul>")
    h.append("<h2>Sources of food values</h2><ul>")
    h += [f"<li>{e(s)}</li>" for s in source_lines(plan)]
    h.append("</ul><h2>References</h2><ol class='references'>")
    h += [
        f"<li id='ref-{e(r['key'])}'><strong>{e(r['key'])}</strong>: {e(r['citation'])}</li>"
        for r in plan.references
    ]
    h.append("</ol>")
    return "\n".join(h)


def _html(plan: Plan) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>vitk plan</title></head><body>\n" + html_body(plan) + "\n</body></html>\n"
    )


def _json(plan: Plan) -> str:
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"


_RENDERERS: dict[str, Callable[[Plan], str]] = {
    "text": _text,
    "md": _md,
    "html": _html,
    "json": _json,
}


def render(plan: Plan, fmt: str = "text") -> str:
    """The plan in ``fmt``: ``text``, ``md``, ``html`` or ``json``.

    Raises
    ------
    InputError
        An unknown format.
    """
    if fmt not in _RENDERERS:
        raise InputError(f"Unknown plan format {fmt!r}; allowed: {', '.join(FORMATS)}.")
    return _RENDERERS[fmt](plan)
