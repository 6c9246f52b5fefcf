from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("new/", views.MeetingCreateView.as_view(), name="create"),
    path("mine/", views.MyMeetingsView.as_view(), name="mine"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics.xlsx", views.StatisticsExportView.as_view(), name="statistics_export"),
    path("committees/", views.CommitteeListView.as_view(), name="committees"),
    path("committees/<int:pk>/", views.ComplianceView.as_view(), name="compliance"),
    path("committees/<int:pk>/duties/new/", views.DutyCreateView.as_view(), name="duty_create"),
    path("duties/<int:pk>/end/", views.DutyEndView.as_view(), name="duty_end"),
    path("branches/<int:pk>/", views.BranchYearView.as_view(), name="branch_year"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MeetingEditView.as_view(), name="edit"),
    path("<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/notice/", views.NoticeView.as_view(), name="notice"),
    path("<int:pk>/documents/new/", views.DocumentCreateView.as_view(), name="document_create"),
    path("documents/<int:pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path("<int:pk>/apology/", views.ApologyView.as_view(), name="apology"),
    path("<int:pk>/roll-call/", views.RollCallView.as_view(), name="roll_call"),
    path("<int:pk>/roll-call/row/", views.RollCallRowView.as_view(), name="roll_call_row"),
    path("<int:pk>/roll-call/all-present/", views.AllPresentView.as_view(), name="roll_call_all"),
    path("<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path(
        "<int:pk>/resolutions/new/", views.ResolutionCreateView.as_view(), name="resolution_create"
    ),
    path("<int:pk>/tasks/new/", views.TaskCreateView.as_view(), name="task_create"),
    path("tasks/<int:pk>/done/", views.TaskDoneView.as_view(), name="task_done"),
    path("<int:pk>/quality/", views.ScoreView.as_view(), name="score"),
    path("<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/delete/", views.VisitDeleteView.as_view(), name="visit_delete"),
]
