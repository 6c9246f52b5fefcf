from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import AppContributions, Audited, NavEntry, UrlInclude


class EvaluationsConfig(AppContributions, AppConfig):
    name = "dangvu.evaluations"
    label = "evaluations"
    verbose_name = _("Quality evaluation")
    rule_defaults = "dangvu.evaluations.defaults.DEFAULTS"

    nav = [NavEntry(_("Evaluation"), "evaluations:index", icon="clipboard-check", order=60)]
    urls = [UrlInclude("evaluations/", "dangvu.evaluations.urls")]
    api_module = "dangvu.evaluations.api"  # register(router) and the actions' plain paths
    audited = [
        Audited("evaluations.EvaluationCycle"),
        Audited("evaluations.MemberEvaluation", exclude=["org_path", "year"]),
        Audited("evaluations.OrganizationEvaluation", exclude=["org_path", "year"]),
    ]
