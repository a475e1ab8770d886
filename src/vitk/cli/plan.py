"""``vitk plan``: a week of foods that reaches a vitamin K goal (text, Markdown, HTML, JSON)."""

from __future__ import annotations

import click

from vitk.cli.options import db_option, format_option


@click.command()
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(),
    metavar="FILE",
    required=True,
    help="Profile file (YAML or JSON); see docs/advisor.md.",
)
@click.option(
    "--diary",
    "diary_path",
    type=click.Path(),
    metavar="FILE",
    help="What you usually eat (CSV/JSON/YAML: date,kind,item,amount); the plan adds to it.",
)
@click.option("--days", type=int, default=None, help="Days to plan (1-14; default 7).")
@click.option(
    "--goal",
    "goals",
    multiple=True,
    metavar="KEY=VALUE",
    help="Change a goal or limit, e.g. k2=120, supplement=none, max_days=2 (repeatable; "
    "see docs/planner.md).",
)
@format_option("text", "md", "html", "json", default="text")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the plan to this file instead of stdout.",
)
@click.option(
    "--no-effect", is_flag=True, help="Skip the predicted effect (the pharmacology models)."
)
@db_option
def plan(
    profile_path: str,
    diary_path: str | None,
    days: int | None,
    goals: tuple[str, ...],
    fmt: str,
    output: str | None,
    no_effect: bool,
    db_url: str | None,
) -> None:
    """Plan a week of foods (and a supplement only where food cannot get there).

    People on a vitamin K antagonist get a steady-intake plan instead: each day's vitamin K
    near their usual amount, an exchange list, never a supplement. Not medical advice.
    """
    from vitk.advisor.profile_input import load_profile
    from vitk.cli.advise import _write
    from vitk.cli.options import open_catalogue
    from vitk.planner.core import plan as make_plan
    from vitk.planner.report import render

    profile = load_profile(profile_path)
    goal = list(goals)
    if days is not None:
        goal.append(f"days={days}")
    result = make_plan(
        profile,
        diary_path,
        goal or None,
        catalogue=open_catalogue(db_url),
        effect=not no_effect,
    )
    text = render(result, fmt)
    if output:
        _write(output, text)
        click.echo(f"Wrote {fmt} plan to {output}.", err=True)
    else:
        click.echo(text, nl=False)
