"""Login, lockout (django-axes), logout and password change through the real views."""

from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")


def test_login_page_renders_for_anonymous(client, world):
    # (on a brand-new database the sign-in page leads to the first run: tests/test_first_run.py)
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_pages_need_login(client, db):
    response = client.get(reverse("members:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_login_with_the_right_password_opens_the_start_page(client, world):
    response = client.post(LOGIN, {"username": "xa_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("organizations:tree")).status_code == 200


def test_wrong_password_shows_an_error_and_does_not_log_in(client, world):
    response = client.post(LOGIN, {"username": "xa_a", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "alert-danger" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account(client, world):
    for _attempt in range(4):
        response = client.post(LOGIN, {"username": "xa_a", "password": "sai-mat-khau"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "xa_a", "password": "sai-mat-khau"})
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "15" in response.content.decode()  # minutes until the lock ends
    # Even the right password is refused while locked.
    response = client.post(LOGIN, {"username": "xa_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client, world):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "xa_a", "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"username": "xa_b", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post(client, world):
    client.post(LOGIN, {"username": "xa_a", "password": PASSWORD})
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("members:list")).status_code == 302


def test_password_change(client, world):
    client.post(LOGIN, {"username": "xa_a", "password": PASSWORD})
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    assert client.get(response["Location"]).status_code == 200
    world.users.officer_a.refresh_from_db()
    assert world.users.officer_a.check_password("Mot-mat-khau-moi-2025")


def test_password_change_with_a_wrong_old_password_changes_nothing(client, world):
    client.post(LOGIN, {"username": "xa_a", "password": PASSWORD})
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "sai",
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    world.users.officer_a.refresh_from_db()
    assert world.users.officer_a.check_password(PASSWORD)
