"""``vitk advise``: a cited personal vitamin K report (text, Markdown, HTML or JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from vitk.cli.options import format_option

CONDITIONS = (
    "osteoporosis",
    "osteopenia",
    "fragility_fracture",
    "arterial_calcification",
    "cardiovascular_disease",
    "family_history_cvd",
    "family_history_osteoporosis",
    "chronic_kidney_disease",
    "dialysis",
    "liver_disease",
    "clotting_disorder",
)
MALABSORPTION = ("cystic_fibrosis", "ibd", "coeliac", "bariatric_surgery", "short_bowel")


@click.command()
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(),
    metavar="FILE",
    help="Profile file (YAML or JSON); see docs/advisor.md.",
)
@click.option(
    "--example", is_flag=True, help="Use the example profile and diary shipped with vitk."
)
@click.option(
    "--diary",
    "diary_path",
    type=click.Path(),
    metavar="FILE",
    help="Food and supplement diary (CSV/JSON/YAML: date,kind,item,amount).",
)
@format_option("md", "html", "json", "text", default="md")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to this file instead of stdout.",
)
@click.option("--age", type=float, help="Age in years (overrides the profile).")
@click.option("--sex", type=str, help="female or male (overrides the profile).")
@click.option("--pregnant", is_flag=True, default=None, help="Pregnant.")
@click.option("--lactating", is_flag=True, default=None, help="Breastfeeding.")
@click.option(
    "--menopause",
    type=click.Choice(["pre", "peri", "post"]),
    help="Menopause status (women; overrides the profile).",
)
@click.option("--weight", type=str, help="Body weight with unit, e.g. '68 kg'.")
@click.option("--med", "meds", multiple=True, help="A medication as written (repeatable).")
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    type=click.Choice(CONDITIONS),
    help="A condition (repeatable).",
)
@click.option(
    "--malabsorption",
    multiple=True,
    type=click.Choice(MALABSORPTION),
    help="A cause of fat malabsorption (repeatable).",
)
@click.option("--cac", type=float, help="Coronary artery calcium (CAC) score.")
@click.option(
    "--k-supplement",
    "k_supplements",
    multiple=True,
    help="Vitamin K supplement as 'FORM DOSE', e.g. 'MK-7 180 ug' (repeatable).",
)
@click.option("--vitamin-d", help="Vitamin D supplement per day, e.g. '1000 IU' or '25 ug'.")
@click.option("--calcium", help="Calcium supplement per day, e.g. '500 mg'.")
@click.option("--magnesium", help="Magnesium supplement per day, e.g. '250 mg'.")
@click.option("--vitamin-d-level", help="Serum 25(OH)D with unit, e.g. '52 nmol/L' or '21 ng/mL'.")
@click.option("--inr", type=float, help="Latest INR.")
@click.option("--inr-target", help="INR target range, e.g. '2.0-3.0'.")
@click.option(
    "--diet",
    type=click.Choice(["omnivore", "pescatarian", "vegetarian", "vegan"]),
    help="Diet pattern.",
)
@click.option("--dairy-free", is_flag=True, default=None, help="No dairy foods.")
@click.option("--soy-free", is_flag=True, default=None, help="No soy foods.")
@click.option("--dislike", "dislikes", multiple=True, help="A food to leave out (repeatable).")
def advise(
    profile_path: str | None,
    example: bool,
    diary_path: str | None,
    fmt: str,
    output: str | None,
    **flags: Any,
) -> None:
    """A cited vitamin K report for one person; safety warnings come first.

    Give a profile file, the shipped --example, or the person as flags
    (at least --age and --sex). Flags override the profile's values.
    Not medical advice.
    """
    from importlib import resources

    import yaml

    from vitk.advisor import advise as run_advice
    from vitk.advisor import profile_from_dict
    from vitk.advisor.profile_input import check_profile_fields
    from vitk.advisor.render import render
    from vitk.errors import InputError

    if example and profile_path:
        raise InputError("Give either --example or --profile, not both.")
    data: dict[str, Any] = {}
    folder = resources.files("vitk").joinpath("data", "advisor")
    if example:
        data = yaml.safe_load(folder.joinpath("example_profile.yaml").read_text("utf-8"))
    elif profile_path:
        from vitk.advisor.profile_input import read_profile_file

        data = read_profile_file(profile_path)
    _apply_flags(data, flags)
    check_profile_fields(data)  # "Unknown profile field 'foo'" before "No person given"
    if "age" not in data and "age_y" not in data:
        raise InputError(
            "No person given: use --profile FILE, --example, or at least --age and --sex."
        )
    profile = profile_from_dict(data)
    diary: Any = diary_path
    if diary is None and example:
        diary = str(folder.joinpath("example_diary.csv"))
    report = run_advice(profile, diary)
    text = render(report, fmt)
    if output:
        _write(output, text)
        click.echo(f"Wrote {fmt} report to {output}.", err=True)
    else:
        click.echo(text, nl=False)


def _write(output: str, text: str) -> None:
    """Write the report; a path that cannot be written is one InputError naming it.

    The text goes to a temporary file beside the target first, so that a failed write
    never leaves half a report (or destroys an older one).
    """
    import os
    import tempfile
    from pathlib import Path

    from vitk.errors import InputError

    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(
            f"Cannot write the report to '{output}': the folder '{folder}' does not exist."
        )
    if target.is_dir():
        raise InputError(f"Cannot write the report to '{output}': it is a directory.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise InputError(f"Cannot write the report to '{output}': {reason}.") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _section(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    """A copy of a profile section to overlay flags on (None if it is not a mapping).

    A section that is not a mapping is left as written, so that validation reports it
    under the key the user wrote.
    """
    value = data.get(key)
    if value is None:
        return {}
    return dict(value) if isinstance(value, Mapping) else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return [value] if isinstance(value, str | Mapping) or not isinstance(value, list) else value


def _apply_flags(data: dict[str, Any], flags: dict[str, Any]) -> None:
    """Overlay CLI flags on a profile mapping."""
    simple = {
        "age": "age",
        "sex": "sex",
        "pregnant": "pregnant",
        "lactating": "lactating",
        "menopause": "menopause",
        "weight": "weight",
    }
    for flag, key in simple.items():
        if flags.get(flag) is not None:
            if key == "age":
                data.pop("age_y", None)
            if key == "weight":
                data.pop("weight_kg", None)
            data[key] = flags[flag]
    meds = [m for m in flags.get("meds") or () if m.strip()]  # an empty --med names nothing
    if meds:
        data["medications"] = [*_as_list(data.get("medications")), *meds]
    cond = _section(data, "conditions")
    if cond is not None:
        for c in flags.get("conditions") or ():
            cond[c] = True
        if flags.get("malabsorption"):
            cond["fat_malabsorption"] = list(flags["malabsorption"])
        if flags.get("cac") is not None:
            cond["cac_score"] = flags["cac"]
        if cond:
            data["conditions"] = cond
    supp = _section(data, "supplements")
    if supp is not None:
        if flags.get("k_supplements"):
            supp["vitamin_k"] = list(flags["k_supplements"])
        for flag, key in (
            ("vitamin_d", "vitamin_d"),
            ("calcium", "calcium"),
            ("magnesium", "magnesium"),
        ):
            if flags.get(flag) is not None:
                supp.pop(f"{key}_{'ug' if key == 'vitamin_d' else 'mg'}", None)
                supp[key] = flags[flag]
        if supp:
            data["supplements"] = supp
    labs = _section(data, "labs")
    if labs is not None:
        if flags.get("vitamin_d_level") is not None:
            labs.pop("vitamin_d_25oh_value", None)
            labs.pop("vitamin_d_25oh_unit", None)
            labs["vitamin_d_25oh"] = flags["vitamin_d_level"]
        if flags.get("inr") is not None:
            labs["inr"] = flags["inr"]
        if flags.get("inr_target") is not None:
            labs.pop("inr_target_low", None)
            labs.pop("inr_target_high", None)
            labs["inr_target"] = flags["inr_target"]
        if labs:
            data["labs"] = labs
    diet = _section(data, "diet")
    if diet is not None:
        if flags.get("diet"):
            diet["pattern"] = flags["diet"]
        if flags.get("dairy_free"):
            diet["dairy_free"] = True
        if flags.get("soy_free"):
            diet["soy_free"] = True
        if flags.get("dislikes"):
            diet["dislikes"] = [*_as_list(diet.get("dislikes")), *flags["dislikes"]]
        if diet:
            data["diet"] = diet
