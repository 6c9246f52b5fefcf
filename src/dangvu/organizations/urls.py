from django.urls import path

from . import first_run_views, reorganization_views, views

app_name = "organizations"
urlpatterns = [
    path("", views.TreeView.as_view(), name="tree"),
    path("first-run/", first_run_views.FirstRunView.as_view(), name="first_run"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="detail"),
    path("<int:pk>/children/", views.ChildrenView.as_view(), name="children"),
    path("<int:pk>/edit/", views.OrganizationEditView.as_view(), name="edit"),
    path("<int:pk>/seats/add/", views.SeatAddView.as_view(), name="seat_add"),
    path("seats/<int:pk>/end/", views.SeatEndView.as_view(), name="seat_end"),
    path("reorganize/", reorganization_views.ReorganizeView.as_view(), name="reorganize"),
    path(
        "reorganizations/",
        reorganization_views.ReorganizationListView.as_view(),
        name="reorganizations",
    ),
    path(
        "reorganizations/<int:pk>/",
        reorganization_views.ReorganizationDetailView.as_view(),
        name="reorganization",
    ),
]
