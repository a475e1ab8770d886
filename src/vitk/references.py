"""Citations: every number in vitk carries a key that resolves here.

The package's references live in BibTeX files under ``vitk/data/references/``
(one file per topic, so that data sets and models can add their own). Keys are
unique across all files.

``cite(key)`` checks a key and records it in the current citation log, so that a
report or a simulation can list exactly the sources it used (``cited()``).
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vitk.errors import DataValidationError, UnknownReferenceError

__all__ = ["Reference", "all_references", "citation_log", "cite", "cited", "get", "resolve"]


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    key: str
    entry_type: str
    fields: dict[str, str]

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def url(self) -> str:
        doi = self.fields.get("doi")
        if doi:
            return f"https://doi.org/{doi}"
        return self.fields.get("url", "")

    def formatted(self) -> str:
        """Full citation as one line of plain text."""
        f = self.fields
        parts: list[str] = []
        if f.get("author"):
            parts.append(_short_authors(f["author"]) + ".")
        if f.get("title"):
            parts.append(f["title"].rstrip(".") + ".")
        venue = f.get("journal") or f.get("booktitle") or f.get("publisher") or f.get("institution")
        if f.get("howpublished") and not venue:
            parts.append(f["howpublished"].rstrip(".") + ".")
        elif venue:
            piece = venue
            if f.get("year"):
                piece += f" {f['year']}"
            if f.get("volume"):
                piece += f";{f['volume']}"
                if f.get("number"):
                    piece += f"({f['number']})"
            if f.get("pages"):
                piece += f":{f['pages']}"
            parts.append(piece + ".")
        elif f.get("year"):
            parts.append(f"{f['year']}.")
        if f.get("note"):
            parts.append(f["note"].rstrip(".") + ".")
        if self.url:
            parts.append(self.url)
        return " ".join(parts).replace("{", "").replace("}", "").replace("--", "–")


def _short_authors(authors: str) -> str:
    names = [a.strip() for a in authors.replace("\n", " ").split(" and ") if a.strip()]
    if len(names) > 3:
        return ", ".join(names[:3]) + ", et al"
    return ", ".join(names)


_ENTRY_START = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """Parse the BibTeX subset vitk writes: ``@type{key, field = {value} | "value" | 123, …}``.

    A small reader instead of a full BibTeX library keeps ``vitk`` commands fast
    (bibtexparser takes over a second on these files); the test suite checks that it
    reads every packaged file exactly as bibtexparser does. Comments outside entries
    are ignored; ``@string``/``@preamble`` are not supported.
    """
    out: list[tuple[str, str, dict[str, str]]] = []
    pos = 0
    while (m := _ENTRY_START.search(text, pos)) is not None:
        entry_type, key = m.group(1).lower(), m.group(2)
        i = m.end()
        fields: dict[str, str] = {}
        while True:
            while i < len(text) and text[i] in " \t\r\n,":
                i += 1
            if i >= len(text):
                raise DataValidationError(f"BibTeX entry '{key}' is not closed.")
            if text[i] == "}":
                i += 1
                break
            fm = _FIELD_NAME.match(text, i)
            if fm is None:
                raise DataValidationError(
                    f"BibTeX entry '{key}': cannot read a field at '{text[i : i + 20]}'."
                )
            name = fm.group(1).lower()
            i = fm.end()
            if text[i] == "{":
                depth, j = 0, i
                while j < len(text):
                    if text[j] == "{":
                        depth += 1
                    elif text[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                value, i = text[i + 1 : j], j + 1
            elif text[i] == '"':
                j = text.index('"', i + 1)
                value, i = text[i + 1 : j], j + 1
            else:
                vm = re.match(r"[^,}\s]+", text[i:])
                if vm is None:
                    raise DataValidationError(f"BibTeX entry '{key}': empty value for '{name}'.")
                value, i = vm.group(0), i + vm.end()
            fields[name] = " ".join(value.split())
        out.append((key, entry_type, fields))
        pos = i
    return out


@lru_cache(maxsize=1)
def all_references() -> dict[str, Reference]:
    """Every reference shipped in the package, by key (validated: unique keys, titles)."""
    out: dict[str, Reference] = {}
    folder = resources.files("vitk").joinpath("data", "references")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".bib"):
            continue
        for key, entry_type, fields in parse_bibtex(item.read_text(encoding="utf-8")):
            if key in out:
                raise DataValidationError(
                    f"Duplicate reference key '{key}' in {item.name}; keys must be unique "
                    "across all files in vitk/data/references."
                )
            if not (fields.get("title") or fields.get("note")):
                raise DataValidationError(f"Reference '{key}' in {item.name} has no title.")
            out[key] = Reference(key=key, entry_type=entry_type, fields=fields)
    return out


def get(key: str) -> Reference:
    """Return the reference for ``key``; raise UnknownReferenceError if it does not exist."""
    refs = all_references()
    try:
        return refs[key]
    except KeyError:
        raise UnknownReferenceError(
            f"Unknown citation key '{key}'; it is not in vitk/data/references/*.bib."
        ) from None


def resolve(keys: Iterable[str]) -> list[Reference]:
    """References for several keys, in first-seen order, without duplicates."""
    seen: dict[str, Reference] = {}
    for k in keys:
        if k not in seen:
            seen[k] = get(k)
    return list(seen.values())


_log: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "vitk_cite_log", default=None
)


def cite(*keys: str) -> None:
    """Check citation keys and record them in the active citation log, if any."""
    log = _log.get()
    for key in keys:
        get(key)
        if log is not None and key not in log:
            log.append(key)


@contextlib.contextmanager
def citation_log() -> Iterator[list[str]]:
    """Collect every key passed to :func:`cite` inside the ``with`` block."""
    keys: list[str] = []
    token = _log.set(keys)
    try:
        yield keys
    finally:
        _log.reset(token)


def cited(keys: Iterable[str]) -> list[str]:
    """Formatted citations for ``keys`` (first-seen order), for the end of a report."""
    return [f"[{r.key}] {r.formatted()}" for r in resolve(keys)]
