"""factory_boy factories shared by the test suite (vi_VN names)."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from faker import Faker

from dangvu.accounts.models import Role, User
from dangvu.members.choices import Gender, Status
from dangvu.members.models import Member, Placement
from dangvu.organizations.choices import Kind, Sector
from dangvu.organizations.models import Organization, OrganizationLink

fake = Faker("vi_VN")
_codes = itertools.count(1)
_ids = itertools.count(1)


def make_org(parent: Organization | None, name: str, kind: str, **extra) -> Organization:
    """Add a node to the current tree with its open history link."""
    data = {
        "name": name,
        "code": extra.pop("code", f"T{next(_codes):05d}"),
        "kind": kind,
        "sector": extra.pop("sector", Sector.OTHER),
        "founded_on": extra.pop("founded_on", dt.date(2000, 1, 1)),
        **extra,
    }
    if parent is None:
        org = Organization.objects.add_root(data)
    else:
        org = Organization.objects.add_child(parent, data)
        parent.refresh_from_db()
    OrganizationLink.objects.create(
        organization=org, parent=parent, kind=kind, name=name, valid_from=org.founded_on
    )
    return org


def citizen_id_for(birth: dt.date, gender: str) -> str:
    century_digit = (birth.year // 100 - 19) * 2 + (1 if gender == Gender.FEMALE else 0)
    return f"001{century_digit}{birth.year % 100:02d}{next(_ids):06d}"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    full_name = factory.LazyFunction(lambda: fake.name())
    gender = Gender.MALE
    birth_date = dt.date(1980, 5, 17)
    admitted_on = dt.date(2005, 3, 2)
    recognized_on = dt.date(2006, 3, 2)
    status = Status.OFFICIAL
    status_since = factory.SelfAttribute("recognized_on")
    card_number = factory.Sequence(lambda n: f"{10000000 + n}")
    citizen_id = factory.LazyAttribute(lambda o: citizen_id_for(o.birth_date, o.gender))
    organization = None
    org_path = factory.LazyAttribute(lambda o: o.organization.path)

    @factory.post_generation
    def placement(self, create, extracted, **kwargs):
        if create:
            Placement.objects.create(
                member=self, organization=self.organization, valid_from=self.admitted_on
            )


def make_user(username: str, role: str, organization=None, member=None, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        password="mat-khau-thu-nghiem",
        role=role,
        organization=organization,
        member=member,
        **extra,
    )
    return user


__all__ = ["Kind", "Role", "make_org", "make_user", "MemberFactory"]
