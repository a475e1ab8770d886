"""A profile as a web form: the form's fields, their limits, and reading them back.

:func:`profile_from_form` turns the form's text fields and ticked boxes into the profile
mapping :func:`vitk.advisor.profile_from_dict` reads; :func:`form_values` does the
reverse for a stored profile; :func:`profile_errors` gives one line per problem, keyed
by the form field it belongs to, with the value received and what is allowed. The
lengths the form declares (:data:`MAX_CHARS`, :data:`MAX_LINES`) are checked here too,
so a client that skips the form's ``maxlength`` still gets a one-line error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vitk.errors import VitkError

__all__ = [
    "CONDITIONS",
    "DIET_PATTERNS",
    "MALABSORPTION",
    "MAX_CHARS",
    "MAX_LINES",
    "form_values",
    "length_errors",
    "profile_errors",
    "profile_from_form",
]

CONDITIONS: tuple[tuple[str, str], ...] = (
    ("osteoporosis", "Osteoporosis"),
    ("osteopenia", "Osteopenia"),
    ("fragility_fracture", "Fragility fracture"),
    ("arterial_calcification", "Arterial calcification"),
    ("cardiovascular_disease", "Cardiovascular disease"),
    ("family_history_cvd", "Family history of cardiovascular disease"),
    ("family_history_osteoporosis", "Family history of osteoporosis"),
    ("chronic_kidney_disease", "Chronic kidney disease"),
    ("dialysis", "Dialysis"),
    ("liver_disease", "Liver disease"),
    ("clotting_disorder", "Clotting disorder"),
)
MALABSORPTION: tuple[tuple[str, str], ...] = (
    ("cystic_fibrosis", "Cystic fibrosis"),
    ("ibd", "Inflammatory bowel disease"),
    ("coeliac", "Coeliac disease"),
    ("bariatric_surgery", "Bariatric surgery"),
    ("short_bowel", "Short bowel"),
    ("other", "Other fat malabsorption"),
)
DIET_PATTERNS = ("omnivore", "pescatarian", "vegetarian", "vegan")
#: Menopause choices of the form: (value, label); "" is "not given" (unknown, not assumed).
MENOPAUSE: tuple[tuple[str, str], ...] = (
    ("", "not given"),
    ("pre", "before menopause"),
    ("peri", "around menopause (perimenopause)"),
    ("post", "after menopause"),
)
#: Longest text per form field (characters); each line of a list field counts alone.
MAX_CHARS: dict[str, int] = {
    "name": 100,
    "medications": 100,
    "vitamin_k": 100,
    "age": 20,
    "sex": 20,
    "menopause": 20,
    "weight_kg": 20,
    "vitamin_d": 40,
    "calcium": 40,
    "magnesium": 40,
    "inr": 20,
    "inr_target": 20,
    "vitamin_d_25oh": 40,
    "diet_pattern": 20,
}
#: Most lines in a list field (one medicine or one vitamin K supplement per line).
MAX_LINES: dict[str, int] = {"medications": 20, "vitamin_k": 10}


def _text(form: Mapping[str, Any], key: str) -> str:
    v = form.get(key, "")
    return str(v).strip() if v is not None else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


def _number(text: str, field: str) -> float | str:
    if len(text) > MAX_CHARS[field]:  # kept as text, so the length check reports it
        return text
    try:
        return float(text)
    except ValueError:
        return text


def profile_from_form(form: Mapping[str, Any], checked: Sequence[str] = ()) -> dict[str, Any]:
    """The profile mapping (as :func:`vitk.advisor.profile_from_dict` reads it) of a form.

    ``checked`` lists the names of ticked checkboxes.
    """
    on = set(checked)
    d: dict[str, Any] = {}
    if _text(form, "name"):
        d["name"] = _text(form, "name")
    d["age"] = _number(_text(form, "age"), "age") if _text(form, "age") else None
    d["sex"] = _text(form, "sex") or None
    d["pregnant"] = "pregnant" in on
    d["lactating"] = "lactating" in on
    if _text(form, "menopause"):
        d["menopause"] = _text(form, "menopause")
    if _text(form, "weight_kg"):
        d["weight_kg"] = _number(_text(form, "weight_kg"), "weight_kg")
    meds = [line.strip() for line in _text(form, "medications").splitlines() if line.strip()]
    if meds:
        d["medications"] = meds
    conditions: dict[str, Any] = {k: True for k, _ in CONDITIONS if k in on}
    malab = [k for k, _ in MALABSORPTION if f"malabsorption_{k}" in on]
    if malab:
        conditions["fat_malabsorption"] = malab
    if conditions:
        d["conditions"] = conditions
    supp: dict[str, Any] = {}
    vk = _lines(_text(form, "vitamin_k"))
    if vk:
        supp["vitamin_k"] = vk
    for key in ("vitamin_d", "calcium", "magnesium"):
        if _text(form, key):
            supp[key] = _text(form, key)
    if supp:
        d["supplements"] = supp
    labs: dict[str, Any] = {}
    if _text(form, "inr"):
        labs["inr"] = _number(_text(form, "inr"), "inr")
    if _text(form, "inr_target"):
        labs["inr_target"] = _text(form, "inr_target")
    if _text(form, "vitamin_d_25oh"):
        labs["vitamin_d_25oh"] = _text(form, "vitamin_d_25oh")
    if labs:
        d["labs"] = labs
    diet: dict[str, Any] = {}
    if _text(form, "diet_pattern") and _text(form, "diet_pattern") != "omnivore":
        diet["pattern"] = _text(form, "diet_pattern")
    for flag in ("dairy_free", "soy_free"):
        if flag in on:
            diet[flag] = True
    if diet:
        d["diet"] = diet
    return d


def _fmt(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def form_values(profile: Mapping[str, Any] | None) -> dict[str, Any]:
    """Flat form values (text fields and the set of ticked boxes) of a stored profile."""
    p = dict(profile or {})
    supp = dict(p.get("supplements") or {})
    labs = dict(p.get("labs") or {})
    cond = dict(p.get("conditions") or {})
    diet = dict(p.get("diet") or {})
    vk = supp.get("vitamin_k") or []
    vk_lines = [
        v if isinstance(v, str) else f"{v.get('form', '')} {v.get('dose', v.get('dose_ug', ''))}"
        for v in ([vk] if isinstance(vk, str | Mapping) else vk)
    ]
    checked = {k for k, _ in CONDITIONS if cond.get(k)}
    malab = cond.get("fat_malabsorption") or []
    checked |= {f"malabsorption_{k}" for k in ([malab] if isinstance(malab, str) else malab)}
    checked |= {k for k in ("pregnant", "lactating") if p.get(k)}
    checked |= {k for k in ("dairy_free", "soy_free") if diet.get(k)}
    meds = p.get("medications") or []
    return {
        "name": _fmt(p.get("name")),
        "age": _fmt(p.get("age", p.get("age_y"))),
        "sex": _fmt(p.get("sex")),
        "menopause": _fmt(p.get("menopause")),
        "weight_kg": _fmt(p.get("weight_kg", p.get("weight"))),
        "medications": "\n".join([meds] if isinstance(meds, str) else [str(m) for m in meds]),
        "vitamin_k": "\n".join(vk_lines),
        "vitamin_d": _fmt(supp.get("vitamin_d")),
        "calcium": _fmt(supp.get("calcium")),
        "magnesium": _fmt(supp.get("magnesium")),
        "inr": _fmt(labs.get("inr")),
        "inr_target": _fmt(labs.get("inr_target")),
        "vitamin_d_25oh": _fmt(labs.get("vitamin_d_25oh")),
        "diet_pattern": _fmt(diet.get("pattern")) or "omnivore",
        "checked": sorted(checked),
    }


_TOP_FIELD = {
    "age_y": "age",
    "age": "age",
    "sex": "sex",
    "weight_kg": "weight_kg",
    "weight": "weight_kg",
    "name": "name",
    "pregnant": "pregnant",
    "lactating": "lactating",
    "menopause": "menopause",
    "medications": "medications",
    "conditions": "conditions",
    "supplements": "supplements",
    "labs": "labs",
    "diet": "diet",
    "country": "profile",
}
#: Profile keys (internal names and the aliases users write) → form field, per section.
_SUPP_FIELD = {
    "vitamin_k": "vitamin_k",
    "vitamin_d_ug": "vitamin_d",
    "vitamin_d": "vitamin_d",
    "calcium_mg": "calcium",
    "calcium": "calcium",
    "magnesium_mg": "magnesium",
    "magnesium": "magnesium",
}
_LABS_FIELD = {
    "inr": "inr",
    "inr_target": "inr_target",
    "inr_target_low": "inr_target",
    "inr_target_high": "inr_target",
    "vitamin_d_25oh": "vitamin_d_25oh",
    "vitamin_d_25oh_value": "vitamin_d_25oh",
    "vitamin_d_25oh_unit": "vitamin_d_25oh",
}
#: Condition keys shown as the form's tick boxes (their errors sit under "conditions").
_CONDITION_BOXES = frozenset(
    {k for k, _ in CONDITIONS} | {"fat_malabsorption", *(k for k, _ in MALABSORPTION)}
)


def _field_for(loc: Sequence[Any], msg: str) -> str:
    """The form field (or, for a key the form has no field for, the dotted profile path)
    where an error at pydantic location ``loc`` belongs."""
    low = msg.lower()
    if not loc:
        for word, field in (
            ("pregnan", "pregnant"),
            ("lactat", "lactating"),
            ("menopause", "menopause"),
            ("weight", "weight_kg"),
            ("age", "age"),
        ):
            if word in low:
                return field
        return "profile"
    head = str(loc[0])
    sub = str(loc[1]) if len(loc) > 1 and not isinstance(loc[1], int) else None
    if head == "supplements":
        if sub is None:
            return "supplements"
        return _SUPP_FIELD.get(sub, f"supplements.{sub}")
    if head == "labs":
        if sub is None:  # a check across lab fields, or labs not a mapping
            if "25(oh)d" in low or "vitamin_d_25oh" in low:
                return "vitamin_d_25oh"
            if "inr_target" in low:
                return "inr_target"
            return "labs"
        return _LABS_FIELD.get(sub, f"labs.{sub}")
    if head == "conditions":
        if sub is None or sub in _CONDITION_BOXES:
            return "conditions"
        return f"conditions.{sub}"
    if head == "diet":
        if sub == "pattern":
            return "diet_pattern"
        return "diet" if sub is None else f"diet.{sub}"
    return _TOP_FIELD.get(head, "profile")


_BOUND_WORDS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}


def _plain(err: Mapping[str, Any]) -> str:
    """A short message for common pydantic error types (the field is shown next to it)."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type"):
        return "Must be a number"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next((k for k in _BOUND_WORDS if k in ctx), None)
        if bound is not None:
            value = ctx[bound]
            shown = f"{value:g}" if isinstance(value, int | float) else str(value)
            return f"Must be {_BOUND_WORDS[bound]} {shown}"
    if kind == "literal_error" and "expected" in ctx:
        return f"Must be one of {ctx['expected']}"
    # Anything else in plain words, never pydantic's "Input should be …" wording.
    plain = {
        "bool_parsing": "Must be true or false",
        "bool_type": "Must be true or false",
        "string_type": "Must be text",
        "tuple_type": "Must be a list",
        "list_type": "Must be a list",
        "model_type": "Must be a group of fields",
        "dict_type": "Must be a group of fields",
        "missing": "Required",
        "finite_number": "Must be a finite number",
    }
    return plain.get(kind, "Not a valid value")


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}" + ("" if n == 1 else "s")


def _too_long(field: str, text: str, line: int | None = None) -> str | None:
    most = MAX_CHARS[field]
    if len(text) <= most:
        return None
    where = f"line {line} is" if line is not None else "is"
    return (
        f"{where.capitalize()} {_count(len(text), 'character')} long "
        f"(starts {text[:20]!r}); at most {most:,} allowed."
    )


def _as_lines(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def length_errors(data: Mapping[str, Any]) -> dict[str, str]:
    """Form field → one line for every value longer (or list longer) than the form allows.

    Reads the profile mapping (from :func:`profile_from_form` or a JSON body): ``name``,
    ``medications`` and ``supplements.vitamin_k`` (one item per line, :data:`MAX_LINES`)
    and the short text values of ``supplements``, ``labs``, ``diet`` and the top level.
    """
    errors: dict[str, str] = {}
    sections = {
        "supplements": {"vitamin_d": "vitamin_d", "calcium": "calcium", "magnesium": "magnesium"},
        "labs": {"inr": "inr", "inr_target": "inr_target", "vitamin_d_25oh": "vitamin_d_25oh"},
        "diet": {"pattern": "diet_pattern"},
    }
    for key, field in (
        ("name", "name"),
        ("age", "age"),
        ("sex", "sex"),
        ("menopause", "menopause"),
        ("weight_kg", "weight_kg"),
    ):
        value = data.get(key)
        if isinstance(value, str) and (msg := _too_long(field, value)):
            errors[field] = msg
    for section, fields in sections.items():
        part = data.get(section)
        if not isinstance(part, Mapping):
            continue
        for key, field in fields.items():
            value = part.get(key)
            if isinstance(value, str) and (msg := _too_long(field, value)):
                errors[field] = msg
    supplements = data.get("supplements")
    lists = {
        "medications": data.get("medications"),
        "vitamin_k": supplements.get("vitamin_k") if isinstance(supplements, Mapping) else None,
    }
    for field, value in lists.items():
        if value is None:
            continue
        lines = _as_lines(value)
        if len(lines) > MAX_LINES[field]:
            errors[field] = (
                f"{_count(len(lines), 'line')} given; at most {MAX_LINES[field]} allowed "
                "(one per line)."
            )
            continue
        for i, line in enumerate(lines, start=1):
            if isinstance(line, str) and (msg := _too_long(field, line, i)):
                errors[field] = msg
                break
    return errors


def _without(data: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """``data`` without the values of ``fields`` (form field names), to check the rest."""
    out = dict(data)
    for field in fields:
        if field in ("name", "age", "sex", "weight_kg", "medications"):
            out.pop(field, None)
            if field == "age":
                out["age"] = 40
            if field == "sex":
                out.update(sex="female", pregnant=False, lactating=False)
    for section, keys in (
        (
            "supplements",
            {
                "vitamin_k": "vitamin_k",
                "vitamin_d": "vitamin_d",
                "calcium": "calcium",
                "magnesium": "magnesium",
            },
        ),
        ("labs", {"inr": "inr", "inr_target": "inr_target", "vitamin_d_25oh": "vitamin_d_25oh"}),
        ("diet", {"pattern": "diet_pattern"}),
    ):
        part = out.get(section)
        if isinstance(part, Mapping):
            out[section] = {k: v for k, v in part.items() if keys.get(k) not in fields}
    return out


def profile_errors(data: Mapping[str, Any]) -> dict[str, str]:
    """Field → one-line message for every problem in a profile mapping (empty if valid).

    Values longer than the form allows (:func:`length_errors`) are reported by length
    and left out of the other checks, so a message never repeats a huge value.
    """
    from pydantic import ValidationError

    from vitk.advisor.profile import Profile

    errors = length_errors(data)
    checked = _without(data, list(errors))
    if data.get("age", data.get("age_y")) in (None, ""):
        errors.setdefault("age", "Age is required, in years (0–120).")
        checked.pop("age_y", None)
        checked["age"] = 40  # a stand-in, so that the other fields are still checked
    if not data.get("sex"):
        errors.setdefault("sex", "Sex is required: female or male.")
        # pregnancy and breastfeeding are checked against sex once it is given
        checked.update(sex="female", pregnant=False, lactating=False)
    try:
        Profile.model_validate(checked)
    except ValidationError as exc:
        for err in exc.errors():
            inner = (err.get("ctx") or {}).get("error")
            if isinstance(inner, VitkError):
                msg = str(inner)
            else:
                msg = _plain(err)
                got = err.get("input")
                if err["type"] == "extra_forbidden":
                    msg = "Unknown profile field; check the spelling"
                elif not isinstance(got, Mapping | list | tuple) and got is not None:
                    shown = repr(got)
                    msg = f"{msg}; got {shown if len(shown) <= 60 else shown[:57] + '…'}"
                msg = msg.rstrip(".") + "."
            loc = err["loc"]
            field = _field_for(loc, msg)
            if field == "profile" and loc:
                msg = f"{'.'.join(str(p) for p in loc)}: {msg}"
            errors.setdefault(field, msg)
    except VitkError as exc:  # pragma: no cover - pydantic wraps validator errors
        errors["profile"] = str(exc)
    return errors
