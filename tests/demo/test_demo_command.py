"""The demo command on a database that has accounts but no organizations yet."""

from io import StringIO

from django.core.management import call_command

from dangvu.accounts.models import Role, User
from dangvu.organizations.models import Organization


def test_an_existing_admin_account_is_left_untouched(db):
    User.objects.create_superuser("admin", password="mat-khau-rieng")
    out = StringIO()
    call_command("demo", scale="small", stdout=out)
    admin = User.objects.get(username="admin")
    assert admin.check_password("mat-khau-rieng")
    assert Organization.objects.exists()
    assert User.objects.get(username="tinh").role == Role.PROVINCIAL_BOARD
    assert "admin" in out.getvalue().splitlines()[-1]
