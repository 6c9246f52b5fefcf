"""API of the app: `register(router)` adds viewsets to /api/, `urlpatterns` adds plain paths."""

from rest_framework.routers import DefaultRouter

urlpatterns: list = []


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to the /api/ router."""
