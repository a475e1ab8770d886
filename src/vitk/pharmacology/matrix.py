"""Food matrix: how much of a dose reaches the blood, by the source it is eaten in.

Every dose of a :class:`~vitk.pharmacology.regimens.Regimen` carries a ``matrix``. The PK
model scales the dose by the matrix's relative availability F and the absorption rate by
its ``ka`` factor (parameter set ``Gijsbers1996``; each factor says whether it was
measured or assumed). A diary food is placed in a matrix by its food group
(:func:`matrix_of_food_group`); a supplement row is a supplement.
"""

from __future__ import annotations

from functools import cache

from vitk.errors import InputError
from vitk.pharmacology.sets import peek

__all__ = ["MATRICES", "MATRIX_SET", "matrix_factors", "matrix_of_food_group"]

#: Parameter set holding the factors.
MATRIX_SET = "Gijsbers1996"
#: Matrices a dose can be in.
MATRICES: tuple[str, ...] = tuple(peek(MATRIX_SET)["matrix"])

# Words of a food group that place it in a matrix, checked in this order.
_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fermented", ("ferment", "natto", "cheese", "sauerkraut", "miso", "tempeh", "kefir")),
    ("fat or oil", ("oil", "fats", "butter", "margarine", "shortening")),
    (
        "vegetable",
        ("vegetable", "fruit", "legume", "herb", "spice", "nut", "seed", "salad", "greens"),
    ),
)


def matrix_of_food_group(food_group: str) -> str:
    """The matrix of a food group: fermented, fat or oil, vegetable, or other food.

    Examples
    --------
    >>> matrix_of_food_group("Vegetables and Vegetable Products")
    'vegetable'
    >>> matrix_of_food_group("fermented soy")
    'fermented'
    """
    group = food_group.lower()
    for matrix, words in _GROUP_WORDS:
        if any(w in group for w in words):
            return matrix
    return "other food"


@cache
def matrix_factors(matrix: str) -> tuple[float, float]:
    """Relative availability F and absorption-rate factor of a matrix. [1, 1]

    Raises
    ------
    InputError
        If the matrix is unknown.
    """
    table = peek(MATRIX_SET)["matrix"]
    if matrix not in table:
        raise InputError(f"Unknown food matrix '{matrix}'; allowed: {', '.join(table)}.")
    row = table[matrix]
    return float(row["F [1]"]), float(row["ka factor [1]"])
