"""Reading a profile: from a YAML/JSON file or a mapping, with one line per problem.

Validation errors from the models in :mod:`vitk.advisor.profile` are worded with the
key as the user wrote it (``age``, not ``age_y``), the value received and what is
allowed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ValidationError,
)

from vitk.advisor.profile import (
    Conditions,
    Diet,
    KSupplement,
    Labs,
    Profile,
    Supplements,
)
from vitk.errors import InputError, UnitError, VitkError

__all__ = [
    "check_profile_fields",
    "describe_error",
    "load_profile",
    "profile_from_dict",
    "read_profile_file",
]


#: Keys a user may write instead of the internal field name, per model (internal → user).
_USER_KEYS: dict[str, dict[str, str]] = {
    "Profile": {"age_y": "age", "weight_kg": "weight"},
    "Supplements": {
        "vitamin_d_ug": "vitamin_d",
        "calcium_mg": "calcium",
        "magnesium_mg": "magnesium",
    },
    "KSupplement": {"dose_ug": "dose"},
    "Labs": {
        "vitamin_d_25oh_value": "vitamin_d_25oh",
        "vitamin_d_25oh_unit": "vitamin_d_25oh",
        "inr_target_low": "inr_target",
        "inr_target_high": "inr_target",
    },
}
#: What an aliased key takes, when the user wrote (or must write) the alias.
_USER_KEY_HINT = {
    "age": "age in years, 0–120",
    "weight": "body weight with a unit, e.g. '68 kg'",
    "vitamin_d": "a daily amount with a unit, e.g. '1000 IU' or '25 ug'",
    "calcium": "a daily amount with a unit, e.g. '500 mg'",
    "magnesium": "a daily amount with a unit, e.g. '250 mg'",
    "dose": "a daily amount with a unit, e.g. '180 ug'",
    "vitamin_d_25oh": "a level with a unit, e.g. '52 nmol/L' or '21 ng/mL'",
    "inr_target": "a range such as '2.0-3.0'",
    "sex": "female or male",
}
#: Aliased keys that take text with a unit as well as a number in the canonical unit.
_TEXT_FORM = ("weight", "vitamin_d", "calcium", "magnesium", "dose")
#: How a validator's message names a key, where that differs from the key itself.
_KEY_WORDS = {"vitamin_d_25oh": "25(OH)D"}
_UNIT_SUFFIX = {"_y": "years", "_ug": "µg", "_mg": "mg", "_kg": "kg"}


def _models() -> dict[str, type[BaseModel]]:
    return {m.__name__: m for m in (Profile, Supplements, KSupplement, Conditions, Labs, Diet)}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``X | None`` or ``tuple[X, ...]`` (else None)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _user_keys(model: type[BaseModel]) -> list[str]:
    """The keys a user writes for ``model``, aliases in place of internal names."""
    alias = _USER_KEYS.get(model.__name__, {})
    return list(dict.fromkeys(alias.get(k, k) for k in model.model_fields))


def _walk(loc: tuple[Any, ...], data: Any) -> tuple[str, int | None, Any, Any, type[BaseModel]]:
    """Map a pydantic location to the user's key path.

    Returns the dotted path as the user wrote it (aliases kept), the 1-based entry
    number when the location goes through a list the user wrote, the value the user
    wrote there (``...`` if absent), the pydantic field (or None) and its model.
    """
    model: type[BaseModel] = Profile
    field: Any = None
    parts: list[str] = []
    entry: int | None = None
    cur: Any = data
    for seg in loc:
        if isinstance(seg, int):
            if isinstance(cur, list | tuple):
                entry = seg + 1
                cur = cur[seg] if seg < len(cur) else ...
            continue
        name = str(seg)
        alias = _USER_KEYS.get(model.__name__, {}).get(name)
        key = name
        if isinstance(cur, Mapping):
            if name not in cur and alias is not None:
                key = alias
            cur = cur.get(key, ...)
        else:
            key = alias if alias is not None else name
            cur = ...
        parts.append(key)
        field = model.model_fields.get(name)
        inner = _inner_model(field.annotation) if field is not None else None
        if inner is not None:
            model = inner
    return ".".join(parts), entry, cur, field, model


def _range(metadata: list[Any]) -> str:
    bounds: dict[str, Any] = {}
    for m in metadata:
        for attr in ("ge", "gt", "le", "lt"):
            if getattr(m, attr, None) is not None:
                bounds[attr] = getattr(m, attr)
    lo = ("ge", bounds["ge"]) if "ge" in bounds else ("gt", bounds.get("gt"))
    hi = ("le", bounds["le"]) if "le" in bounds else ("lt", bounds.get("lt"))
    if lo[0] == "ge" and hi[0] == "le" and lo[1] is not None and hi[1] is not None:
        return f" from {lo[1]:g} to {hi[1]:g}"
    words = []
    if lo[1] is not None:
        words.append(("at least " if lo[0] == "ge" else "greater than ") + f"{lo[1]:g}")
    if hi[1] is not None:
        words.append(("at most " if hi[0] == "le" else "less than ") + f"{hi[1]:g}")
    return (" " + " and ".join(words)) if words else ""


def _allowed(field: Any, name: str, *, item: bool = False) -> str:
    """What a field (or, with ``item``, one entry of a list field) accepts, in plain words.

    For example "a number of years from 0 to 120" or "one of: female, male".
    """
    if field is None:
        return "a valid value"
    ann = field.annotation
    if item and get_origin(ann) is tuple and get_args(ann):
        entry = get_args(ann)[0]
        if get_origin(entry) is Literal:
            return "one of: " + ", ".join(str(a) for a in get_args(entry))
        if entry is KSupplement:
            return "a vitamin K supplement such as 'MK-7 180 ug'"
        return "text (one name per entry)"
    args = [a for a in get_args(ann) if a is not type(None)]
    if get_origin(ann) in (Union, UnionType) and len(args) == 1:
        ann = args[0]
    if get_origin(ann) is Literal:
        return "one of: " + ", ".join(str(a) for a in get_args(ann))
    if ann is bool:
        return "true or false"
    if ann in (float, int):
        unit = next((u for sfx, u in _UNIT_SUFFIX.items() if name.endswith(sfx)), "")
        return f"a number{' of ' + unit if unit else ''}{_range(field.metadata)}"
    if ann is str:
        return "text"
    inner = _inner_model(ann)
    if get_origin(ann) is tuple:
        elem = get_args(ann)[0] if get_args(ann) else Any
        if inner is KSupplement:
            return "a list of vitamin K supplements such as 'MK-7 180 ug'"
        if get_origin(elem) is Literal:
            return "a list of: " + ", ".join(str(a) for a in get_args(elem))
        return "a list of names"
    if inner is not None:
        return "a mapping of keys (" + ", ".join(_user_keys(inner)) + ")"
    return "a valid value"


def describe_error(err: Mapping[str, Any], data: Any = None) -> str:
    """One plain sentence for one pydantic error of a profile, in the user's keys.

    ``data`` is the mapping the user gave, so that the path shows the keys they wrote
    (``age``, not ``age_y``) and the value they wrote.
    """
    loc = tuple(err.get("loc") or ())
    kind = str(err.get("type", ""))
    path, entry, raw, field, model = _walk(loc, data if data is not None else {})
    inner = (err.get("ctx") or {}).get("error")
    if isinstance(inner, InputError | UnitError):
        msg = str(inner)
        if not loc or (path and path.split(".")[0] in msg):
            return msg
        if isinstance(raw, Mapping):  # "calcium dose …" raised for supplements.calcium
            keys = [
                k
                for k in raw
                if isinstance(k, str)
                and _KEY_WORDS.get(k, k.replace("_", " ")).lower() in msg.lower()
            ]
            if len(keys) == 1:
                path = f"{path}.{keys[0]}"
    where = f"'{path}'" + (f" (entry {entry})" if entry is not None else "")
    if isinstance(inner, InputError | UnitError):
        return f"Profile field {where}: {inner!s}"
    if not loc:
        return f"Invalid profile: {str(err.get('msg', '')).removeprefix('Value error, ')}."
    last = path.rsplit(".", 1)[-1]
    if kind == "missing":
        hint = _USER_KEY_HINT.get(last) or _allowed(field, str(loc[-1]))
        return f"Missing profile field {where}: {hint}."
    if kind == "extra_forbidden":
        parent = path.rsplit(".", 1)[0] if "." in path else ""
        keys = _user_keys(model) if parent else _user_keys(Profile)
        close = difflib.get_close_matches(last, keys, n=1)
        maybe = f"; did you mean '{close[0]}'?" if close else "."
        under = f" under '{parent}'" if parent else ""
        return f"Unknown profile field {where}; allowed{under}: {', '.join(keys)}{maybe}"
    allowed = _allowed(field, str(loc[-1]), item=isinstance(loc[-1], int))
    if last in _TEXT_FORM and last != str(loc[-1]):
        allowed += f" (or {_USER_KEY_HINT[last]})"
    got = raw if raw is not ... else err.get("input")
    shown = "" if isinstance(got, Mapping | list | tuple) else f"; got {got!r}"
    return f"Profile field {where} must be {allowed}{shown}."


def check_profile_fields(data: Mapping[str, Any]) -> None:
    """Raise InputError for a field no profile accepts (``foo``, ``supplements.foo``).

    Checks the names only, so that a caller can report an unknown field before it
    reports that required fields (age, sex) are missing; values are checked by
    :func:`profile_from_dict`.
    """
    if not isinstance(data, Mapping):
        return
    try:
        Profile.model_validate(dict(data))
    except ValidationError as exc:
        unknown = [e for e in exc.errors() if e.get("type") == "extra_forbidden"]
        if unknown:
            msg = describe_error(unknown[0], data)
            if len(unknown) > 1:
                msg = f"{msg.rstrip('.')} (and {len(unknown) - 1} more unknown field(s))."
            raise InputError(msg) from None


def profile_from_dict(data: Mapping[str, Any]) -> Profile:
    """Validate a mapping into a :class:`Profile`; raise InputError with one line if invalid.

    The message names the key as the user wrote it (``age``, ``supplements.calcium``)
    and says what is allowed; a unit problem raises :class:`~vitk.errors.UnitError`.
    """
    if not isinstance(data, Mapping):
        raise InputError(
            f"A profile must be a mapping of fields (age, sex, …); got {type(data).__name__}."
        )
    try:
        return Profile.model_validate(dict(data))
    except ValidationError as exc:
        errors = exc.errors()
        # A vitk error raised inside a validator is the most specific: report it first.
        first = next(
            (e for e in errors if isinstance((e.get("ctx") or {}).get("error"), VitkError)),
            errors[0],
        )
        msg = describe_error(first, data)
        if len(errors) > 1:
            msg = f"{msg.rstrip('.')} (and {len(errors) - 1} more problem(s))."
        inner = (first.get("ctx") or {}).get("error")
        raise (UnitError(msg) if isinstance(inner, UnitError) else InputError(msg)) from None


def read_profile_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON profile file into a mapping (not yet validated).

    Every problem is one :class:`~vitk.errors.InputError` that names the file: missing,
    a directory, unreadable, not UTF-8 text (a binary file), not valid YAML/JSON, empty,
    or not a mapping of fields.
    """
    import yaml

    p = Path(path)
    what = "YAML or JSON text file"
    example = "fields such as 'age: 50' and 'sex: female'"
    if not p.exists():
        raise InputError(f"Profile file not found: '{p}'.")
    if p.is_dir():
        raise InputError(f"Cannot read profile '{p}': it is a directory, not a {what}.")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"Cannot read profile '{p}': {reason.lower()}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"Cannot read profile '{p}': not a UTF-8 {what}.") from None
    if "\x00" in text:
        raise InputError(f"Cannot read profile '{p}': a binary file, not a {what}.")
    if not text.strip():
        raise InputError(f"Profile file '{p}' is empty; expected {example}.")
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"Cannot parse profile '{p}': not valid JSON (line {exc.lineno}: {exc.msg})."
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"Cannot parse profile '{p}': {problem}{where}.") from None
    except ValueError as exc:  # e.g. an impossible date such as 2026-02-30
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"Cannot parse profile '{p}': {first}.") from None
    except RecursionError:
        raise InputError(
            f"Cannot parse profile '{p}': it is nested too deeply; expected {example}."
        ) from None
    if data is None:
        raise InputError(f"Profile file '{p}' is empty; expected {example}.")
    if not isinstance(data, Mapping):
        kinds: dict[type, str] = {list: "a list", str: "a single text value"}
        kind = kinds.get(type(data), type(data).__name__)
        raise InputError(f"Profile '{p}' must be a mapping of fields (age, sex, …); got {kind}.")
    return dict(data)


def load_profile(path: str | Path) -> Profile:
    """Read and validate a YAML or JSON profile file."""
    return profile_from_dict(read_profile_file(path))
