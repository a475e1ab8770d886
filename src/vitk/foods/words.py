"""How food names and queries are read: one normalisation for names, synonyms and queries.

Accents are stripped, text lower-cased, punctuation turned to spaces, simple English plurals
made singular and word synonyms applied (courgette → zucchini), so that
:mod:`vitk.foods.search` compares like with like. Stop words (raw, cooked, with …) only
break ties, category heads ("Fish," "Cheese,") are not the food, and a negating word
(imitation, meatless) makes a name a different food.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["CATEGORY_HEADS", "STOP_WORDS", "normalise", "tokens"]

#: Query words that need not match (they only break ties): preparation and filler words.
STOP_WORDS = frozenset(
    {
        "a",
        "all",
        "an",
        "and",
        "boiled",
        "canned",
        "cooked",
        "drained",
        "fresh",
        "frozen",
        "in",
        "of",
        "on",
        "or",
        "plain",
        "raw",
        "regular",
        "the",
        "us",
        "with",
        "without",
    }
)
#: First parts of USDA-style names that name a category, not the food ("Fish, salmon, …").
CATEGORY_HEADS = frozenset(
    {
        "alcoholic beverage",
        "babyfood",
        "beverage",
        "candy",
        "cereal",
        "cereal ready to eat",
        "cheese",
        "crustacean",
        "fast food",
        "fish",
        "game meat",
        "infant formula",
        "mollusk",
        "nut",
        "restaurant",
        "seed",
        "spice",
        "usda commodity",
    }
)
#: Words that are not part of a name's head ("Cheddar cheese (US)", "Beer, regular, all").
_FILLER = frozenset(
    {"a", "all", "an", "and", "in", "of", "on", "or", "plain", "regular", "the", "us"}
)
#: A name with one of these words is a different food unless the query says so.
_NEGATING = frozenset({"imitation", "meatless", "substitute"})

_WORD_SYNONYMS = {
    "courgette": "zucchini",
    "aubergine": "eggplant",
    "rocket": "arugula",
    "coriander": "cilantro",
    "yoghurt": "yogurt",
    "minced": "ground",
    "mince": "ground",
    "emmentaler": "emmental",
    "emmenthal": "emmental",
    "prawn": "shrimp",
    "beetroot": "beet",
    "chickpea": "garbanzo",
    "porridge": "oatmeal",
    "rapeseed": "canola",
    "soya": "soy",
    "soybean": "soy",
    "liverwurst": "liver sausage",
    "kraut": "sauerkraut",
    "munster": "muenster",
}

_PUNCT = re.compile(r"[^a-z0-9%]+")
_PARENS = re.compile(r"\([^()]*\)")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "oes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _synonym(word: str) -> str:
    return _WORD_SYNONYMS.get(_singular(word), _WORD_SYNONYMS.get(word, _singular(word)))


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(_synonym(word).split())


def _fold(text: str) -> str:
    """Lower case without accents (punctuation kept)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
        text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    return text.lower()


def _words(folded: str) -> tuple[str, ...]:
    return tuple(t for w in _PUNCT.sub(" ", folded).split() for t in _word_tokens(w))


def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, singularise, apply word synonyms.

    >>> normalise("Crème fraîche, Courgettes")
    'creme fraiche zucchini'
    """
    return " ".join(_words(_fold(text)))


def tokens(text: str) -> tuple[str, ...]:
    """The normalised words of ``text`` (a synonym may give more than one word)."""
    return _words(_fold(text))


def _significant(word: str) -> bool:
    """Not a stop word, a number, "%" or a one- or two-letter word."""
    return len(word) > 2 and word not in STOP_WORDS and not word.isdigit()
