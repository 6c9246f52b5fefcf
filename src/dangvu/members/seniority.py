"""Kept for other apps: party seniority (R2.13) lives in `members.rules.seniority`."""

from .rules.seniority import Gap, Seniority, seniority

__all__ = ["Gap", "Seniority", "seniority"]
