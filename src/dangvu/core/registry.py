"""The app registry: what each installed app contributes to the project, read from its AppConfig.

An app declares its contributions as class attributes of its AppConfig (see `AppContributions`);
`config/urls.py`, `config/api_urls.py`, the navbar in `base.html` and the audit log read them
from here, so adding an app means adding its folder and one `INSTALLED_APPS` line:

    class MeetingsConfig(AppContributions, AppConfig):
        name = "dangvu.meetings"
        nav = [NavEntry(_("Meetings"), "meetings:list", icon="calendar-event", order=40)]
        urls = [UrlInclude("meetings/", "dangvu.meetings.urls")]
        api_routes = [ApiRoute("meetings", "dangvu.meetings.api.MeetingViewSet", "meeting")]
        audited = [Audited("meetings.Task"), Audited("meetings.Meeting", exclude=["org_path"])]

Work-list checks register themselves through `core.worklist` when their module is imported;
the registry imports each app's `checks_module` (`rules` by convention) so they are found.

Models, viewsets and API modules are named by dotted strings: an AppConfig is imported before
the models are ready, so the registry imports them only when the URLs or the router are built.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, ClassVar

from django.apps import AppConfig, apps
from django.urls import URLPattern, URLResolver, include, path
from django.utils.functional import Promise, cached_property
from django.utils.module_loading import import_string

Label = str | Promise  # a lazy gettext label, translated when rendered


@dataclass(frozen=True)
class NavEntry:
    """A link in the top navigation bar."""

    label: Label
    url_name: str  # reversed without arguments, e.g. "members:list"
    icon: str = ""  # Bootstrap Icons name without the "bi-" prefix
    order: int = 100  # smaller first, across all apps
    # Who sees the link (signed-in users only are ever asked); None: every signed-in user.
    visible: Callable[[Any], bool] | None = None

    def is_visible(self, user: Any) -> bool:
        return self.visible is None or bool(self.visible(user))


@dataclass(frozen=True)
class UrlInclude:
    """The app's pages: `path(prefix, include(module))` in the project's URLconf."""

    prefix: str  # e.g. "members/"
    module: str  # e.g. "dangvu.members.urls"
    namespace: str | None = None  # None: the module's `app_name`


@dataclass(frozen=True)
class ApiRoute:
    """One `router.register(prefix, viewset, basename)` under /api/."""

    prefix: str
    viewset: str | type  # dotted path, imported when the router is built
    basename: str


@dataclass(frozen=True)
class Audited:
    """A model registered with django-auditlog (`auditlog.register(model, **options)`)."""

    model: str  # "app_label.ModelName"
    exclude: Sequence[str] = ()  # fields left out of the log (derived keys, cached counts)
    options: Mapping[str, Any] = field(default_factory=dict)  # any other auditlog option


@dataclass(frozen=True)
class ReportSection:
    """A section of the reports (dashboard, API, CLI, exports), computed by its app.

    `builder(scope) -> Section`; `narrative(report, words) -> str` its sentences in the
    year-end report ("" to say nothing); `charts(section) -> dict[name, svg]`. Dotted names.
    """

    key: str
    builder: str
    narrative: str | None = None
    charts: str | None = None
    order: int = 100


@dataclass(frozen=True)
class ReportTrend:
    """One series of the dashboard's trend chart: `series(scope, years) -> {year: n}`."""

    label: Label
    series: str  # dotted name
    secondary: bool = False  # drawn on the right-hand axis
    order: int = 100


@dataclass(frozen=True)
class ReportList:
    """How the list behind a figure shows rows of `model`: `spec` is the dotted name of a
    `reports.lists.ListType` (title, fields, columns, order, rows annotation)."""

    model: str  # "app_label.ModelName"
    spec: str


@dataclass(frozen=True)
class Panel:
    """A block on the member profile, the organization page or the home page, rendered by its
    app: `context(request, obj) -> dict | None` (None: the panel is not shown) and `template`.
    On the home page `obj` is the signed-in user: each app shows what is that user's work."""

    key: str
    template: str
    context: str  # dotted name
    order: int = 100
    css: str = "col-12 col-lg-6"  # the block's column in the page's grid


@dataclass(frozen=True)
class DemoStep:
    """A step of `dangvu demo`: `run(generator)` adds the app's demo records and returns
    their counts, which the command prints with `labels` (count key -> label)."""

    key: str
    run: str  # dotted name
    order: int = 100
    labels: Mapping[str, Label] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A paper the app prints through the document engine (core/documents), or on its own
    page (`url_name`, reversed with the pk of a `model` row when `model` is given).

    With `build` (dotted name of `build(obj, *, on: date, user) -> PartyDocument`), core
    serves it: a preview at /documents/<key>/<pk>/, PDF and DOCX of the draft, and "enter in
    the register" (a number of `kind` from the issuer's register, if `permission(user, obj)`
    allows). `obj` is a `model` row the user can see (`Model.objects.visible_to(user)`);
    `organization` (dotted name of `organization(obj)`, default `obj.organization`) is the
    issuing body. Object pages list their documents with `{% document_links obj %}`."""

    key: str
    title: Label
    url_name: str = ""
    model: str | None = None  # "app_label.ModelName" whose pk the URL takes
    build: str | None = None
    kind: str = ""  # NQ, BB, GGT… (core.documents.KINDS)
    permission: str | None = None  # dotted name of (user, obj) -> bool: may enter it
    organization: str | None = None
    order: int = 100


class AppContributions:
    """Mixin for an AppConfig: the declarations the registry reads. All optional.

    The registry reads these by name, so any AppConfig with the same attributes works too.
    """

    nav: ClassVar[Sequence[NavEntry]] = ()
    urls: ClassVar[Sequence[UrlInclude]] = ()
    api_routes: ClassVar[Sequence[ApiRoute]] = ()
    # A module with `register(router)` and/or `urlpatterns` (plain /api/ paths), for APIs that
    # are more than a list of viewsets.
    api_module: ClassVar[str | None] = None
    audited: ClassVar[Sequence[Audited]] = ()
    checks_module: ClassVar[str | None] = "rules"  # relative to the app; registers its checks
    # Dotted name of the app's tuple of `core.rule_defaults.RuleDefault` (in its rules home).
    rule_defaults: ClassVar[str | None] = None
    report_sections: ClassVar[Sequence[ReportSection]] = ()
    report_trends: ClassVar[Sequence[ReportTrend]] = ()
    report_lists: ClassVar[Sequence[ReportList]] = ()
    member_panels: ClassVar[Sequence[Panel]] = ()  # on the member profile
    organization_panels: ClassVar[Sequence[Panel]] = ()  # on the organization page
    home_panels: ClassVar[Sequence[Panel]] = ()  # on the home page ("/"), given the user
    demo_steps: ClassVar[Sequence[DemoStep]] = ()
    documents: ClassVar[Sequence[Document]] = ()

    def contribute(self, registry: Registry) -> None:
        """Hook for contributions computed at start-up; appends to `registry` directly."""


_ORDERED = (
    "report_sections",
    "report_trends",
    "report_lists",
    "member_panels",
    "organization_panels",
    "home_panels",
    "demo_steps",
    "documents",
)


class Registry:
    """Every installed app's contributions, in `INSTALLED_APPS` order."""

    def __init__(self, app_configs: Sequence[AppConfig]) -> None:
        self.nav: list[NavEntry] = []
        self.urls: list[UrlInclude] = []
        self.api_routes: list[ApiRoute] = []
        self.api_modules: list[str] = []
        self.audited: list[Audited] = []
        self.checks_modules: list[str] = []
        self._rule_default_names: list[str] = []
        self._rule_default_apps: dict[str, Any] = {}
        self.report_sections: list[ReportSection] = []
        self.report_trends: list[ReportTrend] = []
        self.report_lists: list[ReportList] = []
        self.member_panels: list[Panel] = []
        self.organization_panels: list[Panel] = []
        self.home_panels: list[Panel] = []
        self.demo_steps: list[DemoStep] = []
        self.documents: list[Document] = []
        self._rule_apps: dict[str, Any] = {}  # rule key -> the AppConfig that declares it
        for config in app_configs:
            self.nav.extend(getattr(config, "nav", ()))
            self.urls.extend(getattr(config, "urls", ()))
            self.api_routes.extend(getattr(config, "api_routes", ()))
            if module := getattr(config, "api_module", None):
                self.api_modules.append(module)
            self.audited.extend(getattr(config, "audited", ()))
            if checks := getattr(config, "checks_module", None):
                self.checks_modules.append(f"{config.name}.{checks}")
            if defaults := getattr(config, "rule_defaults", None):
                self._rule_default_names.append(defaults)
                self._rule_default_apps[defaults] = config
            for name in _ORDERED:
                getattr(self, name).extend(getattr(config, name, ()))
            if hook := getattr(config, "contribute", None):
                hook(self)
        self.nav.sort(key=lambda e: e.order)  # stable: equal orders keep INSTALLED_APPS order
        for name in _ORDERED:
            if name not in ("report_lists", "documents"):
                getattr(self, name).sort(key=lambda e: e.order)

    @cached_property
    def rule_defaults(self) -> list[Any]:
        """Every app's rule-profile defaults (`RuleDefault`), in INSTALLED_APPS order; a key
        declared by two apps is an error."""
        found: list[Any] = []
        seen: dict[str, str] = {}
        for name in self._rule_default_names:
            for default in import_string(name):
                if default.key in seen:
                    raise ValueError(
                        f"rule key {default.key} declared by {seen[default.key]} and {name}"
                    )
                seen[default.key] = name
                self._rule_apps[default.key] = self._rule_default_apps[name]
                found.append(default)
        return found

    @property
    def rule_apps(self) -> dict[str, Any]:
        """Rule key -> the AppConfig that declares it (read with the defaults)."""
        self.rule_defaults  # noqa: B018 - filled while the defaults are read
        return self._rule_apps

    def report_section(self, key: str) -> ReportSection:
        for section in self.report_sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def nav_for(self, user: Any) -> list[NavEntry]:
        """The navigation entries this user sees, in order."""
        if not getattr(user, "is_authenticated", False):
            return []
        return [e for e in self.nav if e.is_visible(user)]

    def urlpatterns(self) -> list[URLResolver]:
        return [path(u.prefix, include(u.module, namespace=u.namespace)) for u in self.urls]

    def register_api(self, router: Any) -> None:
        """Add every app's viewsets to the /api/ router."""
        for route in self.api_routes:
            viewset = (
                import_string(route.viewset) if isinstance(route.viewset, str) else route.viewset
            )
            router.register(route.prefix, viewset, basename=route.basename)
        for module in self._api_modules():
            if hook := getattr(module, "register", None):
                hook(router)

    def api_urlpatterns(self) -> list[URLPattern | URLResolver]:
        """The apps' plain /api/ paths (reports' figures, actions outside a viewset)."""
        patterns: list[URLPattern | URLResolver] = []
        for module in self._api_modules():
            patterns.extend(getattr(module, "urlpatterns", ()))
        return patterns

    def register_audited(self) -> None:
        # Imported here: apps.py files import this module while the app registry is loading.
        from auditlog.registry import auditlog

        for entry in self.audited:
            options = dict(entry.options)
            if entry.exclude:
                options["exclude_fields"] = list(entry.exclude)
            auditlog.register(apps.get_model(entry.model), **options)

    def import_checks(self) -> None:
        """Import each app's checks module, whose decorators register its work-list checks."""
        for name in self.checks_modules:
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)

    def _api_modules(self) -> list[ModuleType]:
        return [importlib.import_module(m) for m in self.api_modules]


_registry: Registry | None = None


def registry() -> Registry:
    """The registry of the installed apps (built once, after the app registry is ready)."""
    global _registry
    if _registry is None:
        apps.check_apps_ready()
        _registry = Registry(apps.get_app_configs())
    return _registry


def ready() -> None:
    """Called from CoreConfig.ready(): every app's models are loaded by then (Django imports
    them all before it calls any ready()), so every app's audit and checks are set up here."""
    reg = registry()
    reg.register_audited()
    reg.import_checks()
