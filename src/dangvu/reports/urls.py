from django.urls import path

from . import form_views, views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("list/", views.FigureListView.as_view(), name="list"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("narrative/", views.NarrativeView.as_view(), name="narrative"),
    path("chart/trend.svg", views.TrendChartView.as_view(), name="trend_chart"),
    path("forms/", form_views.FormsView.as_view(), name="forms"),
    path(
        "forms/<str:key>.<str:fmt>",
        form_views.FormDownloadView.as_view(),
        name="form_download",
    ),
]
