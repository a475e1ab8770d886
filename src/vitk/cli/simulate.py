"""``vitk simulate pk|carboxylation|inr``: a thin layer over :mod:`vitk.pharmacology`.

Heavy imports happen inside the commands so that ``vitk --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
from click.core import ParameterSource

_FORMATS = click.Choice(["table", "json"])
INR_DT_H = 6.0  # output step of the INR simulation (the library's default) [h]


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--form", default="MK-7", show_default=True, help="Vitamin K form: K1, MK-4 or MK-7."
        ),
        click.option(
            "--dose",
            "dose",
            default=None,
            help="Dose per intake, e.g. 180ug, 0.2mg (0 to 50 mg; at most 150 mg in 24 h). "
            "Required (for pk: unless --diary).",
        ),
        click.option(
            "--every",
            default=None,
            help="Interval: 24h, 12h, 2d or 3/week, 1 h to 3650 d (default: one dose, in "
            "every command).",
        ),
        click.option(
            "--days", type=float, default=None, help="Days to simulate, above 0 and at most 3650."
        ),
        click.option(
            "--subjects",
            type=int,
            default=1,
            show_default=True,
            help="Virtual cohort size, 1 to 100,000.",
        ),
        click.option("--seed", type=int, default=None, help="Random seed of the cohort."),
        click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True),
        click.option(
            "--plot",
            "plot_path",
            type=click.Path(dir_okay=False),
            default=None,
            help="Write a figure (FILE.png or FILE.svg).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _dose_ug(text: str | None, option: str = "--dose") -> float:
    from vitk.errors import InputError
    from vitk.units import normalise_unit, parse_amount, parse_mass_ug

    if text is None:
        raise InputError(f"{option} is required; e.g. {option} 180ug.")
    if normalise_unit(parse_amount(text)[1]) == "IU":
        raise InputError(
            f"--dose '{text}': IU is a vitamin D unit; give vitamin K doses in ug/mcg, mg or g."
        )
    return float(parse_mass_ug(text))


def _days(days: float | None, default: float) -> float:
    """``--days`` as given (0, nan and inf are errors, not the default)."""
    from vitk.pharmacology.limits import check_days

    return default if days is None else check_days(days)


def _check_plot_path(path: str | None) -> None:
    """Before any work: the figure's name and folder are usable (one line if not)."""
    from pathlib import Path

    from vitk.errors import InputError

    if path is None:
        return
    if not path.lower().endswith((".png", ".svg")):
        raise InputError(f"--plot must end in .png or .svg; got '{path}'.")
    folder = Path(path).expanduser().parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"--plot folder '{folder}' {what}; got '{path}'.")


def _check_series_size(subjects: int, days: float, dt_h: float) -> None:
    """Full time series of ``subjects`` over ``days`` must fit; say which options help."""
    import math

    from vitk.errors import InputError
    from vitk.pharmacology.simulate import MAX_SERIES_VALUES

    points = math.floor(days * 24.0 / dt_h + 1e-9) + 1
    if subjects * points > MAX_SERIES_VALUES:
        raise InputError(
            f"--subjects {subjects:,} x --days {days:g} is too large: {subjects:,} x {points:,} "
            f"time points (one every {dt_h:g} h) exceeds the limit of {MAX_SERIES_VALUES:,} "
            "values; use fewer --subjects or fewer --days."
        )


def _emit(result: Any, fmt: str, plot_path: str | None) -> None:
    import json

    if plot_path:
        try:
            result.plot().savefig(plot_path, dpi=120)
        except OSError as exc:
            from vitk.errors import InputError

            reason = (exc.strerror or type(exc).__name__).lower()
            raise InputError(f"Cannot write --plot '{plot_path}': {reason}.") from None
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=1, allow_nan=False, default=_jsonable))
        return
    from rich.console import Console
    from rich.table import Table

    from vitk.pharmacology.labels import BANDS_NOTE, summary_label
    from vitk.references import cited

    table = Table(title=f"vitk simulate {result.kind}")
    table.add_column("measure")
    table.add_column("median", justify="right")
    if result.bands:
        table.add_column("5 %", justify="right")
        table.add_column("95 %", justify="right")
    table.add_column("key (JSON)", style="dim")
    for key, value in result.summary.items():
        row = [summary_label(key), "n/a" if value is None else f"{value:.4g}"]
        if result.bands:
            band = result.bands.get(key)
            row += [f"{band['p5']:.4g}", f"{band['p95']:.4g}"] if band else ["", ""]
        table.add_row(*row, key)
    console = Console(file=sys.stdout, width=110)
    console.print(table)
    if result.bands:
        console.print(BANDS_NOTE, highlight=False, soft_wrap=True)
    regimen = result.meta.get("regimen")
    if regimen:
        console.print(f"Regimen: {regimen}", highlight=False, soft_wrap=True)
    for note in result.meta.get("notes", []):
        console.print(note, highlight=False, soft_wrap=True)
    validation = result.validation
    console.print(f"How far to trust this: {validation['note']}", highlight=False, soft_wrap=True)
    for obs in validation["observations"]:
        console.print(f"  - {obs['sentence']}", highlight=False, soft_wrap=True)
    console.print(result.disclaimer, highlight=False, soft_wrap=True)
    console.print("Sources:")
    for line in cited(result.references):
        console.print(line, highlight=False, soft_wrap=True)


def _jsonable(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@click.group()
def simulate() -> None:
    """Pharmacology simulations: serum levels, carboxylation markers, INR.

    Model output for illustration; not medical or dosing advice.
    """


@simulate.command("pk")
@_common
@click.option("--set", "parameter_set", default=None, help="Parameter set, e.g. Jones2007.")
@click.option(
    "--meal-fat",
    "meal_fat_g",
    type=float,
    default=None,
    help="Grams of fat in the meal MK-4 is taken with (0-100; Uematsu1996: 20 g = 1x, "
    "35 g about 2x). MK-4 only.",
)
@click.option(
    "--diary",
    "diary_path",
    default=None,
    help="Diary file (CSV, YAML or JSON, as for vitk intake): each logged day is a dose of "
    "K1, MK-4 and MK-7 at 12:00. Not with --form, --dose, --every or --set.",
)
def pk_command(
    form: str,
    dose: str | None,
    every: str | None,
    days: float | None,
    subjects: int,
    seed: int | None,
    fmt: str,
    plot_path: str | None,
    parameter_set: str | None,
    meal_fat_g: float | None,
    diary_path: str | None,
) -> None:
    """Serum concentration of K1, MK-4 or MK-7 (nmol/L and ng/mL).

    Without --every, one dose. With --diary, all three forms over the diary period
    (lower bounds where logged foods have no value for a form).
    """
    from vitk.errors import InputError
    from vitk.pharmacology import simulate_pk, simulate_pk_diary
    from vitk.pharmacology.limits import check_subjects
    from vitk.pharmacology.simulate import auto_dt_h

    _check_plot_path(plot_path)
    check_subjects(subjects)
    if diary_path is not None:
        ctx = click.get_current_context()
        given = [
            f"--{name.replace('parameter_set', 'set')}"
            for name in ("form", "dose", "every", "parameter_set")
            if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT
        ]
        if given:
            raise InputError(
                f"--diary cannot be combined with {', '.join(given)}; the diary gives the doses."
            )
        result = simulate_pk_diary(
            diary_path,
            days=None if days is None else _days(days, 1.0),
            subjects=subjects,
            seed=seed,
        )
    else:
        n_days = _days(days, 28.0 if every else 4.0)
        _check_series_size(subjects, n_days, auto_dt_h(n_days, subjects))
        result = simulate_pk(
            form,
            _dose_ug(dose),
            every=every,
            days=n_days,
            subjects=subjects,
            seed=seed,
            parameter_set=parameter_set,
            meal_fat_g=meal_fat_g,
            dt_h=auto_dt_h(n_days, subjects),  # coarser for large cohorts (memory)
        )
    _emit(result, fmt, plot_path)


@simulate.command("carboxylation")
@_common
@click.option(
    "--diary",
    "diary_path",
    default=None,
    help="Diary file (CSV, YAML or JSON, as for vitk intake): each logged day is a dose of "
    "K1, MK-4 and MK-7 at 12:00, weighted by food matrix. Not with --form, --dose or --every.",
)
def carboxylation_command(
    form: str,
    dose: str | None,
    every: str | None,
    days: float | None,
    subjects: int,
    seed: int | None,
    fmt: str,
    plot_path: str | None,
    diary_path: str | None,
) -> None:
    """ucOC:cOC and dp-ucMGP change relative to no supplement.

    Without --every, one dose (the same rule as pk and inr).
    """
    from vitk.pharmacology import simulate_carboxylation
    from vitk.pharmacology.simulate import simulate_carboxylation_diary

    _check_plot_path(plot_path)
    if diary_path is not None:
        _diary_alone(("form", "dose", "every"))
        result = simulate_carboxylation_diary(
            diary_path,
            days=None if days is None else _days(days, 1.0),
            subjects=subjects,
            seed=seed,
        )
    else:
        result = simulate_carboxylation(
            form,
            _dose_ug(dose),
            every=every,
            days=_days(days, 84.0),
            subjects=subjects,
            seed=seed,
        )
    _emit(result, fmt, plot_path)


def _diary_alone(names: tuple[str, ...]) -> None:
    """Refuse dose options given together with --diary (the diary gives the doses)."""
    from vitk.errors import InputError

    ctx = click.get_current_context()
    given = [
        f"--{name.replace('parameter_set', 'set')}"
        for name in names
        if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT
    ]
    if given:
        raise InputError(
            f"--diary cannot be combined with {', '.join(given)}; the diary gives the doses."
        )


@simulate.command("inr")
@_common
@click.option(
    "--vka",
    default="warfarin",
    show_default=True,
    help="Vitamin K antagonist: warfarin or acenocoumarol.",
)
@click.option(
    "--vka-dose",
    default=None,
    help="Daily VKA dose, e.g. 5mg: warfarin 0.5-20 mg, acenocoumarol 0.5-12 mg, or 0 for none "
    "(default: titrated to --target).",
)
@click.option(
    "--target",
    "target_inr",
    type=float,
    default=2.0,
    show_default=True,
    help="INR the VKA dose is titrated to before the supplement (above 1, below 4.5).",
)
@click.option(
    "--backend",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run cohort chunks locally or on a local Dask cluster (needs vitk[dask]).",
)
@click.option("--workers", type=int, default=2, show_default=True, help="Dask workers (1-64).")
@click.option(
    "--diary",
    "diary_path",
    default=None,
    help="Diary file (CSV, YAML or JSON, as for vitk intake): each logged day is a dose of "
    "K1, MK-4 and MK-7 at 12:00, weighted by food matrix. Not with --form, --dose or --every.",
)
def inr_command(
    form: str,
    dose: str | None,
    every: str | None,
    days: float | None,
    subjects: int,
    seed: int | None,
    fmt: str,
    plot_path: str | None,
    vka: str,
    vka_dose: str | None,
    target_inr: float,
    backend: str,
    workers: int,
    diary_path: str | None,
) -> None:
    """INR under a vitamin K antagonist with oral vitamin K (illustration, not dosing advice).

    Without --every, one dose (the same rule as pk and carboxylation).
    """
    import contextlib

    from vitk.errors import InputError
    from vitk.pharmacology import simulate_inr
    from vitk.pharmacology.limits import check_subjects

    _check_plot_path(plot_path)
    if not 1 <= workers <= 64:
        raise InputError(f"--workers must be from 1 to 64; got {workers}.")
    vka_mg = None if vka_dose is None else _dose_ug(vka_dose, "--vka-dose") / 1000.0
    check_subjects(subjects)
    if diary_path is not None:
        from vitk.pharmacology.simulate import simulate_inr_diary

        _diary_alone(("form", "dose", "every"))
        result = simulate_inr_diary(
            diary_path,
            days=None if days is None else _days(days, 1.0),
            vka=vka,
            vka_dose_mg=vka_mg,
            target_inr=target_inr,
            subjects=subjects,
            seed=seed,
            dt_h=INR_DT_H,
        )
        _emit(result, fmt, plot_path)
        return
    dose_ug = _dose_ug(dose)
    n_days = _days(days, 42.0)
    _check_series_size(subjects, n_days, INR_DT_H)
    kwargs: dict[str, Any] = {
        "every": every,
        "days": n_days,
        "dt_h": INR_DT_H,
        "vka": vka,
        "vka_dose_mg": vka_mg,
        "target_inr": target_inr,
        "subjects": subjects,
        "seed": seed,
        "backend": backend,
    }
    with contextlib.ExitStack() as stack:
        if backend == "dask":
            try:
                from distributed import Client, LocalCluster
            except ImportError:
                raise InputError(
                    "--backend dask needs the optional dependency: pip install 'vitk[dask]'."
                ) from None
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=False,
                    dashboard_address=None,
                )
            )
            kwargs["client"] = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        if subjects > 1 and backend == "local" and sys.stderr.isatty():
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("subjects", total=subjects)
                result = simulate_inr(
                    form, dose_ug, progress=lambda k: bar.advance(task, k), **kwargs
                )
        else:
            result = simulate_inr(form, dose_ug, **kwargs)
    _emit(result, fmt, plot_path)
