from django.urls import path

from .discipline import views as discipline
from .events import views as events
from .member import views as member
from .profile.actions import MEMBER_ACTIONS
from .profile.views import MemberDetailView
from .residence import views as residence
from .transfer import views as transfer

app_name = "members"
urlpatterns = [
    path("", member.MemberListView.as_view(), name="list"),
    path("export.xlsx", member.MemberExportView.as_view(), name="export"),
    path("new/", member.MemberCreateView.as_view(), name="create"),
    path("<int:pk>/", MemberDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", member.MemberEditView.as_view(), name="edit"),
    # Lifecycle (biến động): one page per action on a member.
    *[
        path(f"<int:pk>/{suffix}", view.as_view(), name=name)
        for suffix, name, view in MEMBER_ACTIONS
    ],
    path("events/", events.MemberEventListView.as_view(), name="events"),
    path("events/export.xlsx", events.MemberEventExportView.as_view(), name="events_export"),
    path("transfers/", transfer.TransferListView.as_view(), name="transfers"),
    path("transfers/receive/", transfer.TransferReceiveView.as_view(), name="transfer_receive"),
    path("transfers/<int:pk>/", transfer.TransferDetailView.as_view(), name="transfer_detail"),
    path(
        "transfers/<int:pk>/confirm/",
        transfer.TransferConfirmView.as_view(),
        name="transfer_confirm",
    ),
    path(
        "transfers/<int:pk>/cancel/", transfer.TransferCancelView.as_view(), name="transfer_cancel"
    ),
    path(
        "transfers/<int:pk>/return/", transfer.TransferReturnView.as_view(), name="transfer_return"
    ),
    path("disciplines/", discipline.DisciplineListView.as_view(), name="disciplines"),
    path(
        "disciplines/<int:pk>/",
        discipline.DisciplineDetailView.as_view(),
        name="discipline_detail",
    ),
    path(
        "disciplines/<int:pk>/decide/",
        discipline.DisciplineDecideView.as_view(),
        name="discipline_decide",
    ),
    path(
        "disciplines/<int:pk>/announce/",
        discipline.DisciplineAnnounceView.as_view(),
        name="discipline_announce",
    ),
    path(
        "disciplines/<int:pk>/drop/",
        discipline.DisciplineDropView.as_view(),
        name="discipline_drop",
    ),
    path("residence/", residence.ResidenceListView.as_view(), name="residence"),
    path("residence/<int:pk>/", residence.ResidenceDetailView.as_view(), name="residence_detail"),
    path(
        "residence/<int:pk>/comment/",
        residence.ResidenceCommentView.as_view(),
        name="residence_comment",
    ),
    path("residence/<int:pk>/end/", residence.ResidenceEndView.as_view(), name="residence_end"),
    path(
        "residence/<int:pk>/assign/",
        residence.ResidenceAssignView.as_view(),
        name="residence_assign",
    ),
]
