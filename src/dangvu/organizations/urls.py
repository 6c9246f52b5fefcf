from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.TreeView.as_view(), name="tree"),
    path("<int:pk>/", views.OrganizationDetailView.as_view(), name="detail"),
    path("<int:pk>/children/", views.ChildrenView.as_view(), name="children"),
    path("<int:pk>/edit/", views.OrganizationEditView.as_view(), name="edit"),
]
