import pytest

from vitk import references
from vitk.errors import UnknownReferenceError


def test_every_reference_has_title_and_locator():
    refs = references.all_references()
    assert len(refs) > 80
    for key, ref in refs.items():
        assert ref.title, key
        assert ref.url or ref.fields.get("howpublished") or ref.fields.get("journal"), key


def test_unknown_key_raises_one_line():
    with pytest.raises(UnknownReferenceError) as exc:
        references.get("Nobody1999")
    assert "Nobody1999" in str(exc.value)


def test_citation_log_collects_in_order_without_duplicates():
    with references.citation_log() as keys:
        references.cite("IOM2011", "ODS-K")
        references.cite("IOM2011")
    assert keys == ["IOM2011", "ODS-K"]


def test_cite_outside_log_still_validates():
    with pytest.raises(KeyError):
        references.cite("NotAKey")


def test_formatted_citation_contains_doi():
    line = references.get("Schurgers2007").formatted()
    assert "10.1182/blood-2006-08-040709" in line
    assert "Blood" in line
