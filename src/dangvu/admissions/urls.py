from django.urls import path

from . import views

app_name = "admissions"


def step(action: str):
    return views.CandidateStepView.as_view(action=action)


urlpatterns = [
    path("", views.CandidateListView.as_view(), name="list"),
    path("new/", views.CandidateCreateView.as_view(), name="create"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("recognitions/due/", views.RecognitionDueView.as_view(), name="due"),
    path("former-members/", views.FormerMemberListView.as_view(), name="former"),
    path("targets/", views.TargetListView.as_view(), name="targets"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics.xlsx", views.StatisticsExportView.as_view(), name="statistics_export"),
    path("<int:pk>/", views.CandidateDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CandidateEditView.as_view(), name="edit"),
    *[
        path(f"<int:pk>/{url}/", step(action), name=url)
        for action, (url, _form, _service) in views.STEP_VIEWS.items()
    ],
]
