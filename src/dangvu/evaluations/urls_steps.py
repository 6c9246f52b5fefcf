"""URLs of the evaluation steps (the results pages are in urls_results.py)."""

from django.urls import path

from .views import steps, steps_lists

urlpatterns = [
    path("", steps.IndexView.as_view(), name="index"),
    path("cycles/new/", steps.CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", steps.CycleDetailView.as_view(), name="cycle"),
    path("cycles/<int:pk>/close/", steps.CycleCloseView.as_view(), name="cycle_close"),
    path(
        "cycles/<int:pk>/grassroots/",
        steps_lists.GrassrootsDecisionsView.as_view(),
        name="grassroots",
    ),
    path("members/<int:pk>/", steps.MemberEvaluationView.as_view(), name="member"),
    path("members/<int:pk>/self/", steps.SelfAssessView.as_view(), name="self_assess"),
    path("members/<int:pk>/decide/", steps.DecideView.as_view(), name="member_decide"),
    path("members/<int:pk>/reopen/", steps.ReopenView.as_view(), name="member_reopen"),
    path("units/<int:pk>/", steps_lists.OrganizationEvaluationView.as_view(), name="organization"),
    path(
        "units/<int:pk>/self/", steps_lists.OrganizationSelfView.as_view(), name="organization_self"
    ),
    path("units/<int:pk>/propose/", steps_lists.ProposeView.as_view(), name="propose"),
    path("units/<int:pk>/decisions/", steps_lists.DecisionsView.as_view(), name="decisions"),
    path("units/<int:pk>/checks/", steps_lists.ChecksView.as_view(), name="checks"),
    path(
        "units/<int:pk>/decide/",
        steps_lists.OrganizationDecideView.as_view(),
        name="organization_decide",
    ),
    path(
        "units/<int:pk>/reopen/",
        steps_lists.OrganizationReopenView.as_view(),
        name="organization_reopen",
    ),
]
