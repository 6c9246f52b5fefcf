from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import ApiRoute, AppContributions, Audited, NavEntry, UrlInclude


class MembersConfig(AppContributions, AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = _("Party members")
    rule_defaults = "dangvu.members.defaults.DEFAULTS"

    nav = [NavEntry(_("Party members"), "members:list", icon="people", order=20)]
    urls = [UrlInclude("members/", "dangvu.members.urls")]
    api_routes = [
        ApiRoute("members", "dangvu.members.api.MemberViewSet", "member"),
        ApiRoute("member-events", "dangvu.members.api.MemberEventViewSet", "member-event"),
        ApiRoute("transfers", "dangvu.members.api.TransferViewSet", "transfer"),
        ApiRoute("disciplines", "dangvu.members.api.DisciplineViewSet", "discipline"),
    ]
    audited = [
        Audited("members.Member", exclude=["name_key", "sort_key", "org_path"]),
        Audited("members.Placement"),
        Audited("members.MemberPost"),
        Audited("members.Transfer", exclude=["from_org_path", "to_org_path"]),
        Audited("members.Discipline", exclude=["org_path"]),
        Audited("members.ResidenceContact", exclude=["residence_org_path"]),
        Audited("members.ResidenceComment"),
    ]
