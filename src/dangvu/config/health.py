"""The health endpoint for a load balancer or monitor: `/health/` (django-health-check).

Checks the database (``SELECT 1``), the cache (set/get) and the file storage under ``var/media``
(save, read, delete a small file). 200 when all pass, 500 otherwise; ``?format=json`` or
``Accept: application/json`` for machines, ``text/plain`` for scripts. No personal data, no login:
it names only the checks and their state. The e-mail and DNS checks of the package are left out
(an office server may have neither).
"""

from health_check.views import HealthCheckView


class DangvuHealthView(HealthCheckView):
    template_name = "health/index.html"  # in Vietnamese, no inline style (the CSP forbids it)
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    )
