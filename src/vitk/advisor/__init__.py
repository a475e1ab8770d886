"""Personal advisor: a cited vitamin K report for one person with declarative safety rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Profile", "Report", "advise", "load_profile", "profile_from_dict"]

if TYPE_CHECKING:
    from vitk.advisor.engine import advise
    from vitk.advisor.profile import Profile
    from vitk.advisor.profile_input import load_profile, profile_from_dict
    from vitk.advisor.report import Report


def __getattr__(name: str) -> Any:
    if name == "advise":
        from vitk.advisor.engine import advise

        return advise
    if name == "Profile":
        from vitk.advisor.profile import Profile

        return Profile
    if name in ("load_profile", "profile_from_dict"):
        from vitk.advisor import profile_input

        return getattr(profile_input, name)
    if name == "Report":
        from vitk.advisor.report import Report

        return Report
    raise AttributeError(f"module 'vitk.advisor' has no attribute {name!r}")
