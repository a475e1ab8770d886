"""Project exceptions.

Each one also subclasses a built-in exception so that a caller's generic
``except ValueError`` or ``except KeyError`` keeps working. Messages say what was
wrong, the value received and what is allowed; the CLI prints them as one line.
"""

from __future__ import annotations


class VitkError(Exception):
    """Base class of every error raised on purpose by vitk."""

    def __str__(self) -> str:  # KeyError quotes its message; we do not want that.
        return str(self.args[0]) if self.args else self.__class__.__name__


class UnitError(VitkError, ValueError):
    """A unit is unknown or cannot be converted to the one needed."""


class InputError(VitkError, ValueError):
    """A value is out of range, malformed or contradictory."""


class DiaryError(InputError):
    """A diary file or one of its rows cannot be read."""


class UnknownFoodError(VitkError, KeyError):
    """No food matches a name or id."""


class UnknownReferenceError(VitkError, KeyError):
    """A citation key does not resolve to an entry in the package's references."""


class DataValidationError(VitkError, ValueError):
    """A packaged or imported table breaks its own schema."""


class ImportDataError(VitkError, ValueError):
    """An external release directory (e.g. USDA SR28) cannot be read."""


class ModelError(VitkError, ValueError):
    """A model was given parameters it cannot run with."""
