from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import (
    ApiRoute,
    AppContributions,
    Audited,
    DemoStep,
    Document,
    NavEntry,
    ReportSection,
    ReportTrend,
    UrlInclude,
)

_API = "dangvu.admissions.api"


class AdmissionsConfig(AppContributions, AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = _("Member development")
    demo_steps = [
        DemoStep(
            "admissions",
            "dangvu.admissions.demo.generate",
            order=30,
            labels={
                "candidates": _("Admission files (candidates)"),
                "candidates_open": _("Open admission files"),
                "admission_decisions": _("Admission decisions"),
                "recognitions": _("Recognition decisions"),
                "candidate_steps": _("Admission steps"),
                "admission_events": _("Admission and recognition events"),
                "admission_targets": _("Admission targets"),
            },
        )
    ]
    report_sections = [
        ReportSection(
            "development",
            "dangvu.admissions.reporting.development_section",
            narrative="dangvu.admissions.reporting.narrative",
            order=30,
        )
    ]
    report_trends = [
        ReportTrend(
            _("Admitted"), "dangvu.admissions.reporting.admitted_by_year", secondary=True, order=20
        )
    ]
    rule_defaults = "dangvu.admissions.rules.defaults.DEFAULTS"
    # The admission papers, printed through core's document engine (admissions/documents.py).
    documents = [
        Document(
            "admission_resolution",
            _("Branch resolution proposing admission"),
            model="admissions.Candidate",
            build="dangvu.admissions.documents.admission_resolution",
            kind="NQ",
            permission="dangvu.admissions.services.may_manage",
            order=10,
        ),
        Document(
            "admission_decision",
            _("Admission decision"),
            model="admissions.Candidate",
            build="dangvu.admissions.documents.admission_decision",
            kind="QĐ",
            permission="dangvu.admissions.documents.may_decide",
            organization="dangvu.admissions.documents.deciding_organization",
            order=20,
        ),
        Document(
            "recognition_decision",
            _("Recognition decision"),
            model="admissions.Candidate",
            build="dangvu.admissions.documents.recognition_decision",
            kind="QĐ",
            permission="dangvu.admissions.documents.may_recognize",
            organization="dangvu.admissions.documents.recognizing_organization",
            order=30,
        ),
    ]

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
