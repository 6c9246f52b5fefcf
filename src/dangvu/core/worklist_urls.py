from django.urls import path

from .worklist_views import WorkListView

app_name = "worklist"
urlpatterns = [path("", WorkListView.as_view(), name="list")]
