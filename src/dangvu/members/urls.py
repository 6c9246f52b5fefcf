from django.urls import path

from . import lifecycle_views as lv
from . import views

app_name = "members"
urlpatterns = [
    path("", views.MemberListView.as_view(), name="list"),
    path("export.xlsx", views.MemberExportView.as_view(), name="export"),
    path("new/", views.MemberCreateView.as_view(), name="create"),
    path("<int:pk>/", views.MemberDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MemberEditView.as_view(), name="edit"),
    # Lifecycle (biến động): one page per action on a member.
    *[
        path(f"<int:pk>/{suffix}", view.as_view(), name=name)
        for suffix, name, view, _applies in lv.MEMBER_ACTIONS
    ],
    path("events/", lv.MemberEventListView.as_view(), name="events"),
    path("events/export.xlsx", lv.MemberEventExportView.as_view(), name="events_export"),
    path("transfers/", lv.TransferListView.as_view(), name="transfers"),
    path("transfers/receive/", lv.TransferReceiveView.as_view(), name="transfer_receive"),
    path("transfers/<int:pk>/", lv.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:pk>/confirm/", lv.TransferConfirmView.as_view(), name="transfer_confirm"),
    path("transfers/<int:pk>/cancel/", lv.TransferCancelView.as_view(), name="transfer_cancel"),
    path("transfers/<int:pk>/return/", lv.TransferReturnView.as_view(), name="transfer_return"),
    path("disciplines/", lv.DisciplineListView.as_view(), name="disciplines"),
    path("disciplines/<int:pk>/", lv.DisciplineDetailView.as_view(), name="discipline_detail"),
    path(
        "disciplines/<int:pk>/decide/", lv.DisciplineDecideView.as_view(), name="discipline_decide"
    ),
    path(
        "disciplines/<int:pk>/announce/",
        lv.DisciplineAnnounceView.as_view(),
        name="discipline_announce",
    ),
    path("disciplines/<int:pk>/drop/", lv.DisciplineDropView.as_view(), name="discipline_drop"),
    path("residence/", lv.ResidenceListView.as_view(), name="residence"),
    path("residence/<int:pk>/", lv.ResidenceDetailView.as_view(), name="residence_detail"),
    path(
        "residence/<int:pk>/comment/", lv.ResidenceCommentView.as_view(), name="residence_comment"
    ),
    path("residence/<int:pk>/end/", lv.ResidenceEndView.as_view(), name="residence_end"),
    path("residence/<int:pk>/assign/", lv.ResidenceAssignView.as_view(), name="residence_assign"),
]
