from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("list/", views.FigureListView.as_view(), name="list"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("narrative/", views.NarrativeView.as_view(), name="narrative"),
    path("chart/trend.svg", views.TrendChartView.as_view(), name="trend_chart"),
]
