from django.apps import AppConfig

from dangvu.core.registry import (
    ApiRoute,
    AppContributions,
    DemoStep,
    Document,
    NavEntry,
    Panel,
    ReportSection,
    UrlInclude,
)

# Only this user sees the probe's link and work item, so the cast's pages stay as they are.
PROBE_USERNAME = "registry-probe"


def is_probe(user) -> bool:
    return user.username == PROBE_USERNAME


class RegistryAppConfig(AppContributions, AppConfig):
    name = "tests.registry_app"
    label = "registry_app"
    verbose_name = "Registry probe"

    nav = [
        NavEntry("Registry probe", "registry_app:index", icon="plug", order=85, visible=is_probe)
    ]
    urls = [UrlInclude("registry-probe/", "tests.registry_app.urls")]
    api_routes = [ApiRoute("registry-probes", "tests.registry_app.api.ProbeViewSet", "probe")]
    # checks_module: "rules" by convention (tests/registry_app/rules.py)
    rule_defaults = "tests.registry_app.defaults.DEFAULTS"
    report_sections = [
        ReportSection(
            "probe",
            "tests.registry_app.reporting.section",
            narrative="tests.registry_app.reporting.narrative",
            order=65,
        )
    ]
    member_panels = [
        Panel("probe", "registry_app/panel.html", "tests.registry_app.reporting.member_panel")
    ]
    organization_panels = [
        Panel("probe", "registry_app/panel.html", "tests.registry_app.reporting.organization_panel")
    ]
    demo_steps = [
        DemoStep(
            "registry_probe",
            "tests.registry_app.reporting.demo_step",
            order=99,
            labels={"registry_probe_members": "Registry probe members"},
        )
    ]
    documents = [
        Document("probe", "Registry probe paper", "registry_app:index"),
        Document(
            "probe_plan",
            "Kế hoạch công tác",
            model="organizations.Organization",
            build="tests.registry_app.documents.plan",
            organization="tests.registry_app.documents.itself",
            kind="KH",
        ),
    ]
