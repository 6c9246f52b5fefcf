from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import ApiRoute, AppContributions, Audited, NavEntry, UrlInclude

_API = "dangvu.admissions.api"


class AdmissionsConfig(AppContributions, AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = _("Member development")
    rule_defaults = "dangvu.admissions.defaults.DEFAULTS"

    nav = [
        NavEntry(
            _("Member development"),
            "admissions:list",
            icon="person-plus",
            order=50,
            visible=lambda user: not user.is_plain_member,
        )
    ]
    urls = [UrlInclude("admissions/", "dangvu.admissions.urls")]
    api_routes = [
        ApiRoute("admission-candidates", f"{_API}.CandidateViewSet", "admission-candidate"),
        ApiRoute("admission-decisions", f"{_API}.DecisionViewSet", "admission-decision"),
        ApiRoute("admission-targets", f"{_API}.TargetViewSet", "admission-target"),
        ApiRoute("admission-statistics", f"{_API}.StatisticsViewSet", "admission-statistics"),
    ]
    audited = [
        Audited("admissions.Candidate", exclude=["name_key", "sort_key", "org_path"]),
        Audited("admissions.AdmissionDecision", exclude=["org_path"]),
        Audited("admissions.Recognition", exclude=["org_path"]),
        Audited("admissions.AdmissionTarget"),
        Audited("admissions.Certificate"),
    ]
