"""Views (to be written)."""
