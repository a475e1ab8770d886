"""Everyday diary amounts: bare counts, counts in the food's own word, supplement text.

- A bare count (``2``) or a count in the food's own word (``2 eggs`` of an egg) is read
  in the food's *natural unit*: its typical serving when that is a counted item (``1
  large``), else its ``1 medium``, ``1 large`` or other counted-item portion
  (:data:`COUNT_WORDS`). A food without one (cheese, oil) needs a unit.
- A row whose amount is empty may carry it in the item: ``2 eggs`` (food), ``K2 100
  mcg`` or ``vit D3 1000 IU`` (supplement); see :func:`split_item_amount`.
- Supplement names are read with :func:`supplement_form`: ``vit`` means vitamin, a
  named menaquinone (``K2 MK-7``, ``vitamin K2 (MK-4)``) is that form, and ``K2`` alone
  is read as MK-7, the form most K2 supplements hold; that reading is reported.

Every reading that is not literal is returned as text for the report.
"""

from __future__ import annotations

import re

from vitk.foods.model import Food, Portion
from vitk.foods.search import tokens
from vitk.units import parse_amount

__all__ = [
    "COUNT_WORDS",
    "K2_UNSPECIFIED_NOTE",
    "count_word_of",
    "natural_portion",
    "split_item_amount",
    "supplement_form",
]

#: Words after the number of a portion label that make it one counted item.
COUNT_WORDS = (
    "medium",
    "large",
    "small",
    "extra large",
    "jumbo",
    "whole",
    "fruit",
    "egg",
    "piece",
    "item",
    "each",
)
#: How a supplement row of "K2" with no form is read.
K2_UNSPECIFIED_NOTE = (
    "'{item}' names no menaquinone form; read as MK-7, the form most K2 supplements "
    "hold (write MK-4 if yours is MK-4)"
)


def _body(label: str) -> str | None:
    """The words after a portion label's leading "1" ("1 large" → "large"), else None."""
    words = label.lower().split()
    if len(words) < 2 or words[0] != "1":
        return None
    return re.sub(r"\s*\(.*$", "", " ".join(words[1:])).strip(" ,")


def _is_count(label: str) -> bool:
    body = _body(label)
    return body is not None and any(body == w or body.startswith(w + " ") for w in COUNT_WORDS)


def natural_portion(food: Food) -> Portion | None:
    """The portion a bare count of ``food`` means, or None when it has no counted item.

    Its typical serving when that is a counted item, else ``1 medium``, ``1 large``,
    then the first other portion of :data:`COUNT_WORDS`.
    """
    counted = [p for p in food.portions if _is_count(p.label)]
    if not counted:
        return None
    for p in counted:
        if p.label == food.typical_serving:
            return p
    for size in ("medium", "large"):
        for p in counted:
            if _body(p.label) == size or (_body(p.label) or "").startswith(size + " "):
                return p
    return counted[0]


def count_word_of(food: Food, unit: str) -> bool:
    """``unit`` is a word of the food's own name (``eggs`` of "Egg, whole, raw")."""
    words = tokens(unit)
    return len(words) == 1 and words[0] in tokens(food.name) + tuple(
        w for s in food.synonyms for w in tokens(s)
    )


_SUPPLEMENT_AMOUNT = re.compile(
    r"^(?P<item>.*?\S)\s*[,:]?\s+(?P<amount>\d[\d.,]*\s*(?:mcg|µg|μg|ug|mg|g|iu)\.?)$",
    re.IGNORECASE,
)
_FOOD_COUNT = re.compile(r"^(?P<amount>\d+(?:[.,]\d+)?|[½¼¾⅓⅔])\s+(?P<item>\D.*)$")


def split_item_amount(kind: str, item: str) -> tuple[str, str] | None:
    """``(item, amount)`` from an item that carries its amount, or None.

    ``K2 100 mcg`` → ``("K2", "100 mcg")`` for a supplement; ``2 eggs`` →
    ``("eggs", "2")`` for a food.
    """
    text = " ".join(item.split())
    if kind == "supplement":
        m = _SUPPLEMENT_AMOUNT.match(text)
        return (m["item"], m["amount"].rstrip(".")) if m else None
    m = _FOOD_COUNT.match(text)
    if not m:
        return None
    try:
        parse_amount(m["amount"])
    except ValueError:
        return None
    return m["item"], m["amount"]


_MK = re.compile(r"\bmk[- ]?(4|7)\b")


def supplement_form(item: str, table: dict[str, str]) -> tuple[str | None, str]:
    """The nutrient code of a supplement name and how it was read ('' when literal).

    Parameters
    ----------
    item : str
        The diary's supplement name.
    table : dict
        Exact names (lower case) → nutrient code.

    Returns
    -------
    (str or None, str)
        The code (None when the name is not a supplement vitk knows) and the reading
        to report.
    """
    text = " ".join(item.lower().split())
    if text in table:
        return table[text], ""
    norm = re.sub(r"\bvit\b\.?", "vitamin", text)
    norm = " ".join(re.sub(r"[(),/]+", " ", norm.replace("k2-", "k2 ")).split())
    if norm in table:
        return table[norm], f"'{item}' read as {norm}"
    mk = _MK.search(norm)
    if mk and re.fullmatch(r"(?:vitamin )?(?:k2 )?mk[- ]?[47](?: menaquinone[- ]?[47])?", norm):
        code = "mk" + mk.group(1)
        return code, f"'{item}' read as MK-{mk.group(1)}"
    if norm in ("k2", "vitamin k2", "menaquinone"):
        return "mk7", K2_UNSPECIFIED_NOTE.format(item=item)
    if norm in ("vitamin k", "vitamin k1", "k1"):
        return "k1", f"'{item}' read as K1 (phylloquinone)"
    return None, ""
