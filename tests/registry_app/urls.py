from django.urls import path

from .views import ProbeView

app_name = "registry_app"
urlpatterns = [path("", ProbeView.as_view(), name="index")]
