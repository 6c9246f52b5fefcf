from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import (
    ApiRoute,
    AppContributions,
    Audited,
    DemoStep,
    Document,
    NavEntry,
    Panel,
    ReportSection,
    UrlInclude,
)


class EvaluationsConfig(AppContributions, AppConfig):
    name = "dangvu.evaluations"
    label = "evaluations"
    verbose_name = _("Quality evaluation")
    documents = [
        Document(
            "evaluation_decisions",
            _("List of evaluation decisions"),
            "evaluations:results_pdf",
            model="organizations.Organization",
        )
    ]
    demo_steps = [
        DemoStep(
            "evaluations",
            "dangvu.evaluations.demo.generate",
            order=40,
            labels={
                "evaluation_cycles": _("Evaluation cycles"),
                "member_evaluations": _("Member evaluations"),
                "organization_evaluations": _("Organization evaluations"),
                "evaluation_records": _("Evaluation steps recorded"),
            },
        )
    ]
    member_panels = [
        Panel("ratings", "evaluations/_ratings.html", "dangvu.evaluations.panels.member_ratings")
    ]
    organization_panels = [
        Panel(
            "ratings",
            "evaluations/_ratings.html",
            "dangvu.evaluations.panels.organization_ratings",
        )
    ]
    # The home page: the member's own evaluation while a cycle is open (self-assessment).
    home_panels = [
        Panel(
            "my_evaluation",
            "evaluations/_home_self.html",
            "dangvu.evaluations.panels.my_evaluation",
            order=30,
        )
    ]
    report_sections = [
        ReportSection(
            "evaluations",
            "dangvu.evaluations.reporting.evaluation_section",
            narrative="dangvu.evaluations.reporting.narrative",
            charts="dangvu.evaluations.reporting.charts",
            order=60,
        )
    ]
    rule_defaults = "dangvu.evaluations.rules.defaults.DEFAULTS"

    nav = [NavEntry(_("Evaluation"), "evaluations:index", icon="clipboard-check", order=60)]
    urls = [UrlInclude("evaluations/", "dangvu.evaluations.urls")]
    api_routes = [
        ApiRoute("evaluation-cycles", "dangvu.evaluations.api.CycleViewSet", "evaluation-cycle"),
        ApiRoute(
            "member-evaluations",
            "dangvu.evaluations.api.MemberEvaluationViewSet",
            "member-evaluation",
        ),
        ApiRoute(
            "organization-evaluations",
            "dangvu.evaluations.api.OrganizationEvaluationViewSet",
            "organization-evaluation",
        ),
    ]
    audited = [
        Audited("evaluations.EvaluationCycle"),
        Audited("evaluations.MemberEvaluation", exclude=["org_path", "year"]),
        Audited("evaluations.OrganizationEvaluation", exclude=["org_path", "year"]),
    ]
