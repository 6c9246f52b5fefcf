"""Choosing where a member is placed or a letter is addressed (shared by the action forms)."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from dangvu.organizations.choices import DIRECT_KINDS, Kind
from dangvu.organizations.models import Organization


def visible_branches(user) -> QuerySet:
    return Organization.objects.visible_to(user).branches().active().order_by("path")


def destinations(user) -> QuerySet:
    """Where a letter may be addressed: any active organization the user sees, plus the
    commune-level and agency committees of their province (the receiving committees of a
    transfer or a residence introduction, whose names are public; their members stay
    invisible)."""
    visible = Organization.objects.visible_to(user).active().exclude(kind=Kind.PARTY_GROUP)
    if user.sees_everything or not user.organization_id:
        return visible.order_by("path")
    province = user.organization.path[: Organization.steplen]
    committees = Organization.objects.active().filter(
        kind__in=DIRECT_KINDS, path__startswith=province
    )
    return Organization.objects.filter(
        Q(pk__in=visible.values("pk")) | Q(pk__in=committees.values("pk"))
    ).order_by("path")


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"
