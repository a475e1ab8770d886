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


def test_fast_reader_matches_bibtexparser_on_every_packaged_file():
    """The runtime reader must read our .bib files exactly as bibtexparser does."""
    from importlib import resources

    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    folder = resources.files("vitk").joinpath("data", "references")
    n = 0
    for item in folder.iterdir():
        if not item.name.endswith(".bib"):
            continue
        text = item.read_text(encoding="utf-8")
        parser = BibTexParser(common_strings=True)
        parser.ignore_nonstandard_types = False
        theirs = {
            e["ID"]: (
                e["ENTRYTYPE"],
                {k: " ".join(v.split()) for k, v in e.items() if k not in ("ID", "ENTRYTYPE")},
            )
            for e in bibtexparser.loads(text, parser=parser).entries
        }
        ours = {key: (etype, fields) for key, etype, fields in references.parse_bibtex(text)}
        assert ours == theirs, item.name
        n += len(ours)
    assert n == len(references.all_references())


def test_fast_reader_rejects_unclosed_entry():
    from vitk.errors import DataValidationError

    with pytest.raises(DataValidationError, match="not closed"):
        references.parse_bibtex("@misc{Key1,\n  title = {A title},\n")
