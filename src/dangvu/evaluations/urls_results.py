"""Results of the annual evaluation (issue 5): /evaluations/results/…"""

from django.urls import path

from .views import results

urlpatterns = [
    path("results/", results.ResultsView.as_view(), name="results"),
    path("results.xlsx", results.ResultsExportView.as_view(), name="results_export"),
    path("results/list/", results.RatingListView.as_view(), name="results_list"),
    path("results/list.xlsx", results.RatingListExportView.as_view(), name="results_list_export"),
    path(
        "results/<int:pk>/decisions.pdf",
        results.DecisionListPdfView.as_view(),
        name="results_pdf",
    ),
    path(
        "results/<int:pk>/decisions.docx",
        results.DecisionListDocxView.as_view(),
        name="results_docx",
    ),
]
