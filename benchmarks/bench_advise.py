"""Benchmark: p50 time of ``vitk.advise`` for a profile with a 90-day diary.

Run: ``python benchmarks/bench_advise.py [--repeat N]``

Reference runs in the same process, side by side: the same profile without the
diary, the rule engine alone (facts + rules), and rendering each format.
Target: p50 < 50 ms for the report with the 90-day diary (issue #3), and for the HTML
report with its chart, advice included (issue #8).

The chart is written as SVG directly (``vitk.advisor.chart``); the reference row draws
the same bars, reference lines and legend with matplotlib (how the chart was drawn
before issue #8) so the two are compared in one process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

TARGET_MS = 50.0

FOODS = [
    "cheddar,1 oz",
    "spinach raw,1 cup",
    "whole milk,1 cup",
    "broccoli boiled,0.5 cup",
    "egg,1 large",
    "natto,40 g",
    "gouda,30 g",
    "chicken breast,3 oz",
]


def write_diary(path: Path, days: int = 90) -> Path:
    rows = ["date,kind,item,amount"]
    start = dt.date(2026, 1, 1)
    for i in range(days):
        d = (start + dt.timedelta(days=i)).isoformat()
        for j in range(4):
            rows.append(f"{d},food,{FOODS[(i + j) % len(FOODS)]}")
        rows.append(f"{d},supplement,vitamin D3,25 ug")
        rows.append(f"{d},supplement,calcium,500 mg")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm-up: imports, caches
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def matplotlib_chart(intake: dict[str, Any]) -> str:
    """Reference: the intake chart's bars, AI lines and legend drawn with matplotlib."""
    import io

    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fields = ("k1_ug", "mk4_ug", "mk7_ug", "mk_long_other_ug", "k_total_ug")
    rows = {r["field"]: r for r in intake["by_form"]}
    fig = Figure(figsize=(7.0, 3.6), dpi=100)
    ax = fig.add_subplot()
    y = list(range(len(fields)))[::-1]
    diet = [float(rows[f]["diet_ug"] or 0.0) for f in fields]
    supp = [float(rows[f]["supplements_ug"] or 0.0) for f in fields]
    ax.barh(y, diet, color="#4c8c4a", label="diet")
    ax.barh(y, supp, left=diet, color="#d08c2b", label="supplements")
    for value, yi in (
        (intake["targets"]["us"]["value"], y[4]),
        (intake["targets"]["efsa"]["value"], y[0]),
    ):
        if value:
            ax.vlines(value, yi - 0.45, yi + 0.45, linestyles="--", label=f"AI {value:g} µg")
    ax.set_yticks(y, fields)
    ax.set_xlabel("µg per day")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


def row(name: str, ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=20)
    return f"{name:<44} {statistics.median(ms):9.2f} {q[18]:9.2f} {min(ms):9.2f} {len(ms):6d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    from vitk.advisor import advise, load_profile
    from vitk.advisor.chart import intake_chart_svg
    from vitk.advisor.engine import build_facts
    from vitk.advisor.medications import normalise_all
    from vitk.advisor.render import render
    from vitk.advisor.rules import evaluate, load_rules
    from vitk.intake import read_diary, summarise
    from vitk.intake.targets import reference_intakes
    from vitk.lifestage import life_stage

    profile = load_profile(
        str(resources.files("vitk").joinpath("data", "advisor", "example_profile.yaml"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        diary_path = write_diary(Path(tmp) / "diary90.csv")
        diary = read_diary(diary_path)
        stage = life_stage(profile.age_y, profile.sex)
        targets = reference_intakes(stage)
        summary = summarise(diary, stage=stage)
        rules = load_rules()

        def engine_only() -> None:
            facts = build_facts(profile, normalise_all(list(profile.medications)), targets, summary)
            for r in rules.rules:
                evaluate(r, facts)

        report = advise(profile, diary_path)
        results = [
            (
                "advise(profile, 90-day diary file)  [TARGET]",
                timed(lambda: advise(profile, diary_path), args.repeat),
            ),
            ("advise(profile)  no diary  [reference]", timed(lambda: advise(profile), args.repeat)),
            (
                "read_diary + summarise (90 days)",
                timed(lambda: summarise(read_diary(diary_path), stage=stage), args.repeat),
            ),
            (
                f"rule engine only (facts + {len(rules.rules)} rules)",
                timed(engine_only, args.repeat),
            ),
            ("render md", timed(lambda: render(report, "md"), args.repeat)),
            ("render text", timed(lambda: render(report, "text"), args.repeat)),
            ("render json", timed(lambda: render(report, "json"), args.repeat)),
            ("render html (inline SVG chart)", timed(lambda: render(report, "html"), args.repeat)),
            (
                "advise + render html  [TARGET html]",
                timed(lambda: render(advise(profile, diary_path), "html"), args.repeat),
            ),
            (
                "chart alone: inline SVG",
                timed(lambda: intake_chart_svg(report.intake), args.repeat),
            ),
            (
                "chart alone: matplotlib  [reference]",
                timed(lambda: matplotlib_chart(report.intake), max(10, args.repeat // 5)),
            ),
        ]
    print(f"diary: 90 days, {len(diary.entries)} rows; rules: {len(rules.rules)}")
    print(f"{'case':<44} {'p50 ms':>9} {'p95 ms':>9} {'min ms':>9} {'runs':>6}")
    for name, ms in results:
        print(row(name, ms))
    p50 = statistics.median(results[0][1])
    ref = statistics.median(results[1][1])
    print(f"ratio with diary / without diary (p50): {p50 / ref:.1f}x")
    verdict = "meets" if p50 < TARGET_MS else "MISSES"
    print(f"p50 with the 90-day diary: {p50:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target.")
    by_name = {name: statistics.median(ms) for name, ms in results}
    svg, mpl = by_name["chart alone: inline SVG"], by_name["chart alone: matplotlib  [reference]"]
    print(f"chart: matplotlib / inline SVG (p50): {mpl / svg:.0f}x")
    html = by_name["advise + render html  [TARGET html]"]
    verdict = "meets" if html < TARGET_MS else "MISSES"
    print(f"p50 of advise + HTML report: {html:.1f} ms, {verdict} the {TARGET_MS:.0f} ms target.")


if __name__ == "__main__":
    main()
