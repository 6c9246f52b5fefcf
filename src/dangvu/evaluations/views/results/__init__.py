"""Evaluation results pages (issue 5): see common.py for the definitions they share."""

from .documents import DecisionListPdfView
from .pages import RatingListExportView, RatingListView, ResultsExportView, ResultsView

__all__ = [
    "DecisionListPdfView",
    "RatingListExportView",
    "RatingListView",
    "ResultsExportView",
    "ResultsView",
]
