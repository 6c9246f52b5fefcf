"""URLs of the evaluation steps (the results pages are in urls_results.py)."""

from django.urls import path

from .views import cycles, decisions, lists, rows

urlpatterns = [
    path("", cycles.IndexView.as_view(), name="index"),
    path("cycles/new/", cycles.CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", cycles.CycleDetailView.as_view(), name="cycle"),
    path("cycles/<int:pk>/close/", cycles.CycleCloseView.as_view(), name="cycle_close"),
    path("cycles/<int:pk>/grassroots/", lists.GrassrootsDecisionsView.as_view(), name="grassroots"),
    path("members/<int:pk>/", rows.MemberEvaluationView.as_view(), name="member"),
    path("members/<int:pk>/self/", rows.SelfAssessView.as_view(), name="self_assess"),
    path("members/<int:pk>/decide/", rows.DecideView.as_view(), name="member_decide"),
    path("members/<int:pk>/reopen/", rows.ReopenView.as_view(), name="member_reopen"),
    path("units/<int:pk>/", rows.OrganizationEvaluationView.as_view(), name="organization"),
    path("units/<int:pk>/self/", rows.OrganizationSelfView.as_view(), name="organization_self"),
    path("units/<int:pk>/propose/", lists.ProposeView.as_view(), name="propose"),
    path("units/<int:pk>/decisions/", decisions.DecisionsView.as_view(), name="decisions"),
    path("units/<int:pk>/decisions/row/", decisions.DraftRowView.as_view(), name="draft_row"),
    path(
        "units/<int:pk>/decisions/accept/",
        decisions.AcceptProposalsView.as_view(),
        name="accept_proposals",
    ),
    path("units/<int:pk>/decisions/issue/", decisions.IssueView.as_view(), name="issue"),
    path("units/<int:pk>/checks/", decisions.ChecksView.as_view(), name="checks"),
    path(
        "units/<int:pk>/decide/", rows.OrganizationDecideView.as_view(), name="organization_decide"
    ),
    path(
        "units/<int:pk>/reopen/", rows.OrganizationReopenView.as_view(), name="organization_reopen"
    ),
]
