"""The background worker (django-tasks + django-tasks-db): a task enqueued as a database row and
run by the real `db_worker` command, as `make run` runs it beside gunicorn."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dangvu.accounts.models import ApiToken
from dangvu.accounts.tasks import TOKEN_RETENTION_DAYS, purge_stale_tokens
from dangvu.accounts.tokens import create_token, revoke


def test_db_worker_purges_tokens_dead_longer_than_the_retention(transactional_db, world):
    # transactional: the worker calls close_old_connections(), which closes a connection left
    # inside the test's atomic block on PostgreSQL (SQLite's in-memory database is never closed)
    user = world.users.officer_a
    now = timezone.now()
    live, _ = create_token(user=user, name="đang dùng")
    just_revoked, _ = create_token(user=user, name="vừa thu hồi")
    revoke(just_revoked)
    old_expired, _ = create_token(user=user, name="hết hạn lâu")
    old_revoked, _ = create_token(user=user, name="thu hồi lâu")
    boundary, _ = create_token(user=user, name="đúng ngưỡng")
    long_ago = now - dt.timedelta(days=TOKEN_RETENTION_DAYS + 1)
    ApiToken.objects.filter(pk=old_expired.pk).update(expires_at=long_ago)
    ApiToken.objects.filter(pk=old_revoked.pk).update(revoked_at=long_ago)
    # one day short of the retention: kept
    ApiToken.objects.filter(pk=boundary.pk).update(
        revoked_at=now - dt.timedelta(days=TOKEN_RETENTION_DAYS - 1)
    )

    result = purge_stale_tokens.enqueue()
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 2
    left = set(ApiToken.objects.values_list("pk", flat=True))
    assert left == {live.pk, just_revoked.pk, boundary.pk}
