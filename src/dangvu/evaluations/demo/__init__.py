"""Demo evaluations (issue 5), found by the demo generator's convention (`<app>.demo.generate`):
history.py plans the years, rows.py writes the rows."""

from .history import EvaluationHistory, generate
from .rows import cycle_year

__all__ = ["EvaluationHistory", "cycle_year", "generate"]
