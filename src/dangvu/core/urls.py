from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.RuleProfileView.as_view(), name="profile"),
    path("new/", views.RuleProfileEditView.as_view(), name="profile_edit"),
    path("holidays/", views.HolidayListView.as_view(), name="holidays"),
]
