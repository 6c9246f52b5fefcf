"""Views: steps.py (cycle, self-assessment, proposals, decisions), results.py (results)."""
