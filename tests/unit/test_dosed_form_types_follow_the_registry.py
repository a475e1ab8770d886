"""Where a static type or a browser script must spell the dosed forms out, they match the registry.

``typing.Literal`` needs its values written in the source (mypy reads them), and the
type-ahead script runs in the browser; these checks fail as soon as either drifts from
``vitk.nutrients.DOSED_FORMS``.
"""

from __future__ import annotations

import inspect
import re
import typing
from importlib import resources

from vitk.nutrients import DOSED_FORMS


def _literal_values(annotation: object) -> set[str]:
    found: set[str] = set()
    if typing.get_origin(annotation) is typing.Literal:
        return {str(a) for a in typing.get_args(annotation)}
    for arg in typing.get_args(annotation):
        found |= _literal_values(arg)
    return found


def test_profile_supplement_form_type_is_the_registry_list() -> None:
    from vitk.advisor.profile import KSupplement

    annotation = KSupplement.model_fields["form"].annotation
    assert _literal_values(annotation) == set(DOSED_FORMS.values())


def test_simulate_api_form_type_is_the_registry_list() -> None:
    from vitk.web.api import api_simulate

    hints = typing.get_type_hints(api_simulate, include_extras=True)
    assert _literal_values(hints["forms"]) == set(DOSED_FORMS.values())
    assert "forms" in inspect.signature(api_simulate).parameters


def test_typeahead_supplement_names_include_every_dosed_form() -> None:
    script = resources.files("vitk.web").joinpath("static/typeahead.js").read_text("utf-8")
    match = re.search(r"SUPPLEMENTS\s*=\s*\[([^\]]*)\]", script)
    assert match, "typeahead.js declares its supplement names"
    names = set(re.findall(r'"([^"]+)"', match.group(1)))
    assert set(DOSED_FORMS.values()) <= names
