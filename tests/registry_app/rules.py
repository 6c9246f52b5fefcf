"""Found by the registry's convention (`<app>.rules`), registered through core.worklist."""

from collections.abc import Iterable

from django.urls import reverse

from dangvu.core import worklist

from .apps import is_probe


@worklist.register("registry_app.probe", "Registry probe check")
def probe(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    if is_probe(ctx.user):
        yield worklist.WorkItem(
            check="registry_app.probe",
            title="Registry probe item",
            url=reverse("registry_app:index"),
        )
