from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run"),
    path("runs/<int:pk>/mapping/", views.RunMappingView.as_view(), name="mapping"),
    path("runs/<int:pk>/import/", views.RunImportView.as_view(), name="confirm"),
    path("runs/<int:pk>/progress/", views.RunProgressView.as_view(), name="progress"),
    path("runs/<int:pk>/report.xlsx", views.RunReportView.as_view(), name="report"),
    path("export/", views.ExportChooseView.as_view(), name="export_choose"),
    path("export/<int:pk>/", views.SubtreeExportView.as_view(), name="export"),
]
