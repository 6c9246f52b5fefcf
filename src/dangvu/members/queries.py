"""Kept for other apps: member searches are in `members.member.queries`, the profile's
timeline in `members.profile.queries`."""

from .member.queries import birth_range_for_age, search_members
from .profile.queries import TimelineEntry, member_timeline

__all__ = ["TimelineEntry", "birth_range_for_age", "member_timeline", "search_members"]
