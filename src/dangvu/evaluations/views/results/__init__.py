"""Evaluation results pages (issue 5): see common.py for the definitions they share."""

from .documents import DecisionListDocxView, DecisionListPdfView
from .pages import RatingListExportView, RatingListView, ResultsExportView, ResultsView

__all__ = [
    "DecisionListDocxView",
    "DecisionListPdfView",
    "RatingListExportView",
    "RatingListView",
    "ResultsExportView",
    "ResultsView",
]
