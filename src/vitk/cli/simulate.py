"""``vitk simulate pk|carboxylation|inr``: a thin layer over :mod:`vitk.pharmacology`.

Heavy imports happen inside the commands so that ``vitk --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

_FORMATS = click.Choice(["table", "json"])


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--form", default="MK-7", show_default=True, help="Vitamin K form: K1, MK-4 or MK-7."
        ),
        click.option(
            "--dose",
            "dose",
            required=True,
            help="Dose per intake, e.g. 180ug, 0.2mg (0 to 50 mg; at most 150 mg in 24 h).",
        ),
        click.option(
            "--every",
            default=None,
            help="Interval: 24h, 12h, 2d or 3/week, 1 h to 3650 d (default: one dose).",
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


def _dose_ug(text: str) -> float:
    from vitk.errors import InputError
    from vitk.units import normalise_unit, parse_amount, parse_mass_ug

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
    from vitk.errors import InputError

    if path is not None and not path.lower().endswith((".png", ".svg")):
        raise InputError(f"--plot must end in .png or .svg; got '{path}'.")


def _emit(result: Any, fmt: str, plot_path: str | None) -> None:
    import json

    if plot_path:
        result.plot().savefig(plot_path, dpi=120)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=1, allow_nan=False, default=_jsonable))
        return
    from rich.console import Console
    from rich.table import Table

    from vitk.references import cited

    table = Table(title=f"vitk simulate {result.kind}")
    table.add_column("metric")
    table.add_column("median", justify="right")
    if result.bands:
        table.add_column("5 %", justify="right")
        table.add_column("95 %", justify="right")
    for key, value in result.summary.items():
        row = [key, "n/a" if value is None else f"{value:.4g}"]
        if result.bands:
            band = result.bands.get(key)
            row += [f"{band['p5']:.4g}", f"{band['p95']:.4g}"] if band else ["", ""]
        table.add_row(*row)
    console = Console(file=sys.stdout, width=110)
    console.print(table)
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
def pk_command(
    form: str,
    dose: str,
    every: str | None,
    days: float | None,
    subjects: int,
    seed: int | None,
    fmt: str,
    plot_path: str | None,
    parameter_set: str | None,
) -> None:
    """Serum concentration of K1, MK-4 or MK-7 (nmol/L and ng/mL)."""
    from vitk.pharmacology import simulate_pk

    _check_plot_path(plot_path)
    from vitk.pharmacology.limits import check_subjects
    from vitk.pharmacology.simulate import MAX_SERIES_VALUES

    n_days = _days(days, 28.0 if every else 4.0)
    check_subjects(subjects)
    # Coarsen the output step for large cohorts so the series fit in memory.
    dt_h = min(24.0, max(0.25, 1.01 * n_days * 24.0 * subjects / MAX_SERIES_VALUES))
    result = simulate_pk(
        form,
        _dose_ug(dose),
        every=every,
        days=n_days,
        subjects=subjects,
        seed=seed,
        parameter_set=parameter_set,
        dt_h=dt_h,
    )
    _emit(result, fmt, plot_path)


@simulate.command("carboxylation")
@_common
def carboxylation_command(
    form: str,
    dose: str,
    every: str | None,
    days: float | None,
    subjects: int,
    seed: int | None,
    fmt: str,
    plot_path: str | None,
) -> None:
    """ucOC:cOC and dp-ucMGP change relative to no supplement."""
    from vitk.pharmacology import simulate_carboxylation

    _check_plot_path(plot_path)
    result = simulate_carboxylation(
        form,
        _dose_ug(dose),
        every=every or "24h",
        days=_days(days, 84.0),
        subjects=subjects,
        seed=seed,
    )
    _emit(result, fmt, plot_path)


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
def inr_command(
    form: str,
    dose: str,
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
) -> None:
    """INR under a vitamin K antagonist with oral vitamin K (illustration, not dosing advice)."""
    import contextlib

    from vitk.errors import InputError
    from vitk.pharmacology import simulate_inr

    _check_plot_path(plot_path)
    if not 1 <= workers <= 64:
        raise InputError(f"--workers must be from 1 to 64; got {workers}.")
    vka_mg = None if vka_dose is None else _dose_ug(vka_dose) / 1000.0
    kwargs: dict[str, Any] = {
        "every": every or "24h",
        "days": _days(days, 42.0),
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
                    form, _dose_ug(dose), progress=lambda k: bar.advance(task, k), **kwargs
                )
        else:
            result = simulate_inr(form, _dose_ug(dose), **kwargs)
    _emit(result, fmt, plot_path)
