from django.urls import path

from .views import ProbeListView, ProbeRenameButton, ProbeRenameView, ProbeView

app_name = "registry_app"
urlpatterns = [
    path("", ProbeView.as_view(), name="index"),
    path("organizations/", ProbeListView.as_view(), name="list"),
    path("organizations/<int:pk>/rename/", ProbeRenameView.as_view(), name="rename"),
    path("organizations/<int:pk>/rename-button/", ProbeRenameButton.as_view(), name="button"),
]
