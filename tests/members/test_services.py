import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.core.services import StaleVersion
from dangvu.members.models import Member, Placement
from dangvu.members.services import create_member, place_member, update_member
from dangvu.members.validators import citizen_id_matches, validate_citizen_id

pytestmark = pytest.mark.django_db


def profile(world, **overrides):
    data = {
        "full_name": "Vũ Thị Mai",
        "birth_date": dt.date(1990, 4, 2),
        "gender": "female",
        "admitted_on": dt.date(2015, 7, 26),
        "recognized_on": dt.date(2016, 7, 26),
        "status": "official",
        "citizen_id": "001190000777",
        "card_number": "77000001",
        "organization": world.branch_a1,
    }
    data.update(overrides)
    return data


def test_create_member_places_them_in_the_branch(world):
    member = create_member(user=world.users.secretary_a1, data=profile(world))
    assert member.org_path == world.branch_a1.path
    assert member.name_key == "vu thi mai"
    placement = Placement.objects.get(member=member)
    assert placement.organization == world.branch_a1 and placement.valid_to is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"citizen_id": "12345"}, "citizen_id"),
        ({"citizen_id": "999190000777"}, "citizen_id"),  # 999 is no province code
        ({"citizen_id": "001090000777"}, "citizen_id"),  # says male born 1990
        ({"birth_date": dt.date(2999, 1, 1)}, "birth_date"),
        (
            {"admitted_on": dt.date(2016, 1, 1), "recognized_on": dt.date(2015, 1, 1)},
            "recognized_on",
        ),
        ({"card_number": "10000000"}, "card_number"),  # duplicate of the first factory member
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world, overrides, field):
    before = Member.objects.count(), Placement.objects.count()
    # the factory's first card number is 10000000 + n; make sure one exists with that number
    Member.objects.filter(pk=world.duc.pk).update(card_number="10000000")
    with pytest.raises(ValidationError) as exc:
        create_member(user=world.users.secretary_a1, data=profile(world, **overrides))
    assert field in exc.value.message_dict
    assert (Member.objects.count(), Placement.objects.count()) == before


def test_error_messages_are_vietnamese(world):
    with pytest.raises(ValidationError) as exc:
        create_member(user=world.users.secretary_a1, data=profile(world, citizen_id="12"))
    assert "12 chữ số" in " ".join(exc.value.message_dict["citizen_id"])


def test_nobody_creates_members_outside_their_subtree(world):
    with pytest.raises(PermissionDenied):
        create_member(user=world.users.officer_b, data=profile(world))
    with pytest.raises(PermissionDenied):
        create_member(user=world.users.inspector, data=profile(world))
    assert not Member.objects.filter(full_name="Vũ Thị Mai").exists()


def test_members_are_placed_only_in_branches(world):
    with pytest.raises(ValidationError):
        create_member(user=world.users.officer_a, data=profile(world, organization=world.base_a))


def test_update_checks_the_version(world):
    member = update_member(
        user=world.users.secretary_a1,
        member=world.duc,
        data={"phone": "0912345678"},
        expected_version=1,
    )
    assert member.version == 2 and member.phone == "0912345678"
    with pytest.raises(StaleVersion):
        update_member(
            user=world.users.secretary_a1,
            member=world.duc,
            data={"phone": "0900000000"},
            expected_version=1,
        )
    world.duc.refresh_from_db()
    assert world.duc.phone == "0912345678"


def test_a_member_edits_only_contact_fields_of_their_own_profile(world):
    hoa = update_member(
        user=world.users.member_a1,
        member=world.hoa,
        data={"phone": "0987654321", "full_name": "Tên Khác"},
    )
    assert hoa.phone == "0987654321" and hoa.full_name == "Trần Thị Hoa"
    with pytest.raises(PermissionDenied):
        update_member(user=world.users.member_a1, member=world.duc, data={"phone": "1"})


def test_placement_moves_the_member_and_keeps_history(world):
    place_member(
        user=world.users.officer_a,
        member=world.duc,
        organization=world.branch_a2,
        on=dt.date(2026, 1, 15),
    )
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_a2 and world.duc.org_path == world.branch_a2.path
    history = list(Placement.objects.filter(member=world.duc).order_by("valid_from"))
    assert [(p.organization, p.valid_to) for p in history] == [
        (world.branch_a1, dt.date(2026, 1, 15)),
        (world.branch_a2, None),
    ]


def test_placement_outside_scope_or_backwards_is_refused(world):
    with pytest.raises(PermissionDenied):
        place_member(
            user=world.users.officer_a,
            member=world.duc,
            organization=world.branch_b1,
            on=dt.date(2026, 1, 15),
        )
    with pytest.raises(ValidationError):
        place_member(
            user=world.users.officer_a,
            member=world.duc,
            organization=world.branch_a2,
            on=dt.date(2000, 1, 1),
        )
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_a1


def test_citizen_id_structure():
    validate_citizen_id("001190000777")
    assert citizen_id_matches("001190000777", dt.date(1990, 4, 2), female=True)
    assert citizen_id_matches("037205000001", dt.date(2005, 1, 1), female=False)
    assert not citizen_id_matches("037205000001", dt.date(2005, 1, 1), female=True)


def test_identity_numbers_typed_with_spaces_and_dots_are_kept_as_digits(world):
    member = create_member(
        user=world.users.secretary_a1,
        data=profile(world, citizen_id="001 190 000 777", card_number="77.000.001"),
    )
    assert (member.citizen_id, member.card_number) == ("001190000777", "77000001")


def test_an_empty_edit_does_not_bump_the_version(world):
    member = update_member(
        user=world.users.secretary_a1,
        member=world.duc,
        data={"phone": world.duc.phone},
        expected_version=1,
    )
    assert member.version == 1


def test_anyone_may_edit_their_own_contact_details(world):
    world.users.inspector.member = world.minh
    world.users.inspector.save()
    minh = update_member(
        user=world.users.inspector,
        member=world.minh,
        data={"phone": "0911222333", "full_name": "Khác"},
    )
    assert (minh.phone, minh.full_name) == ("0911222333", "Hoàng Văn Minh")
