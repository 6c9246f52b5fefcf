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
    ReportList,
    ReportSection,
    ReportTrend,
    UrlInclude,
)


class MembersConfig(AppContributions, AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = _("Party members")
    demo_steps = [
        DemoStep(
            "members",
            "dangvu.members.demo.generate",
            order=10,
            labels={
                "member_events": _("Membership changes (events)"),
                "transfers": _("Transfers"),
                "transfers_awaiting": _("Transfers awaiting arrival"),
                "disciplines": _("Disciplines"),
                "residence_contacts": _("Residence contacts"),
                "residence_comments": _("Residence comments"),
            },
        ),
        # After every other step: the facts of the roll's boundaries that no step wrote.
        DemoStep(
            "member_facts",
            "dangvu.members.demo.facts.run",
            order=95,
            labels={"member_facts": _("Admissions, recognitions and arrivals of the roll")},
        ),
    ]
    report_sections = [
        ReportSection(
            "members",
            "dangvu.members.reporting.members.member_section",
            narrative="dangvu.members.reporting.members.narrative",
            charts="dangvu.members.reporting.members.charts",
            order=10,
        ),
        ReportSection(
            "organizations",
            "dangvu.members.reporting.organizations.organization_section",
            narrative="dangvu.members.reporting.organizations.narrative",
            charts="dangvu.members.reporting.organizations.charts",
            order=20,
        ),
        ReportSection(
            "balance",
            "dangvu.members.reporting.balance.balance_section",
            order=35,
        ),
        ReportSection(
            "removals",
            "dangvu.members.reporting.removals.removal_section",
            narrative="dangvu.members.reporting.removals.narrative",
            order=40,
        ),
        ReportSection(
            "localities",
            "dangvu.members.reporting.localities.locality_section",
            narrative="dangvu.members.reporting.localities.narrative",
            order=70,
        ),
    ]
    report_trends = [
        ReportTrend(
            _("Party members at the end of the year"),
            "dangvu.members.reporting.members.members_by_year_end",
            order=10,
        )
    ]
    report_lists = [
        ReportList("members.Member", "dangvu.members.reporting.lists.MEMBERS"),
        ReportList("members.MemberEvent", "dangvu.members.reporting.lists.EVENTS"),
    ]
    rule_defaults = "dangvu.members.rules.defaults.DEFAULTS"
    # The papers printed through core's document engine (issue 13; members/documents.py).
    documents = [
        Document(
            "transfer_letter",
            _("Party activity transfer letter"),
            model="members.Transfer",
            build="dangvu.members.documents.transfer_letter",
            kind="GGT",
            permission="dangvu.members.documents.may_issue_letter",
            organization="dangvu.members.documents.transfer_letter_issuer",
            order=10,
        ),
        Document(
            "transfer_receipt",
            _("Notice of receipt of party activity"),
            model="members.Transfer",
            build="dangvu.members.documents.transfer_receipt",
            kind="GCN",  # [U] no original seen (R14.23)
            permission="dangvu.members.documents.may_issue_receipt",
            organization="dangvu.members.documents.transfer_receipt_issuer",
            order=20,
        ),
        Document(
            "member_summary",
            _("Party member record card"),
            model="members.Member",
            build="dangvu.members.documents.member_summary",
            kind="",  # a record of the member file, not numbered in the register (§14)
            permission="dangvu.members.member.services.may_manage",
            organization="dangvu.members.documents.member_file_keeper",
            order=30,
        ),
    ]

    nav = [NavEntry(_("Party members"), "members:list", icon="people", order=20)]
    # The home page: a member's own record, a secretary's member list.
    home_panels = [
        Panel("my_record", "members/_home_record.html", "dangvu.members.panels.my_record", 40),
        Panel(
            "branch_members",
            "members/_home_branch.html",
            "dangvu.members.panels.branch_members",
            order=25,
        ),
    ]
    urls = [UrlInclude("members/", "dangvu.members.urls")]
    api_module = "dangvu.members.api_me"  # /api/me/: the account and its own member profile
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
