"""Background tasks of the accounts app (django-tasks, run by `dangvu db_worker`).

`purge_stale_tokens`: deletes API tokens that expired or were revoked more than
`TOKEN_RETENTION_DAYS` days ago (they can never authenticate again; each deletion leaves its
audit entry, so the history of the token stays in the audit trail). Enqueue it from a timer
(docs/deployment.md) with ``dangvu shell -c "from dangvu.accounts.tasks import
purge_stale_tokens; purge_stale_tokens.enqueue()"``.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import ApiToken

TOKEN_RETENTION_DAYS = 90


@task()
def purge_stale_tokens(retention_days: int = TOKEN_RETENTION_DAYS) -> int:
    """Delete tokens dead for more than `retention_days`; returns how many were deleted."""
    cutoff = timezone.now() - dt.timedelta(days=retention_days)
    stale = ApiToken.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    deleted = 0
    with transaction.atomic():
        for token in stale:  # one by one, so each deletion is audited
            token.delete()
            deleted += 1
    return deleted
