from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import ApiRoute, AppContributions, Audited, NavEntry, Panel, UrlInclude


class OrganizationsConfig(AppContributions, AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = _("Organizations")
    rule_defaults = "dangvu.organizations.rules.defaults.DEFAULTS"

    nav = [NavEntry(_("Organizations"), "organizations:tree", icon="diagram-3", order=10)]
    home_panels = [
        Panel(
            "organization",
            "organizations/_home_organization.html",
            "dangvu.organizations.panels.my_organization",
            order=70,
            css="col-12 col-md-6 col-xl-4",
        )
    ]
    urls = [UrlInclude("organizations/", "dangvu.organizations.urls")]
    api_routes = [
        ApiRoute("organizations", "dangvu.organizations.api.OrganizationViewSet", "organization"),
    ]
    audited = [
        Audited("organizations.Organization", exclude=["path", "depth", "numchild"]),
        Audited("organizations.Locality"),
        Audited("organizations.Term"),
        Audited("organizations.CommitteeSeat"),
        Audited("organizations.Reorganization", exclude=["org_path"]),
    ]
