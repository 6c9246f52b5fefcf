"""Kept for other apps: the profile forms are in `members.member.forms`."""

from .member.forms import (
    FIELDSETS,
    PROFILE_FIELDS,
    MemberCreateForm,
    MemberForm,
    SelfMemberForm,
)

__all__ = ["FIELDSETS", "PROFILE_FIELDS", "MemberCreateForm", "MemberForm", "SelfMemberForm"]
