"""Middleware for a server holding personal data: response headers, and ids checked in URLs.

Static files never get here: WhiteNoise answers them before this middleware runs.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from .filters import MAX_ID

# Features no page of the application uses: a page (or a script injected into one) cannot
# turn on a phone's camera, microphone or location.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
)
NO_STORE = "private, no-store"


class SecurityHeadersMiddleware:
    """Every page, export and API answer is `Cache-Control: private, no-store` (a shared office
    computer, a proxy or the browser's disk cache must not keep a member's records), unless the
    view chose a private cache itself (e.g. a chart image); and a `Permissions-Policy` header
    on every response."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.static_url = settings.STATIC_URL or "/static/"

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(self.static_url):
            return response
        current = response.headers.get("Cache-Control", "")
        if "private" not in current and "no-store" not in current:
            response.headers["Cache-Control"] = NO_STORE
        return response


def client_ip(request) -> str | None:
    """The client's address for the login lockout (django-axes' AXES_CLIENT_IP_CALLABLE).
    Behind DANGVU_PROXY_COUNT trusted reverse proxies, each appending the address it received
    the request from to X-Forwarded-For, the client is that many entries from the end (what a
    client writes in the header itself comes before, and is ignored)."""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def _is_id_kwarg(name: str) -> bool:
    return name in ("pk", "id") or name.endswith(("_pk", "_id"))


class UrlIdMiddleware:
    """A record id in a URL path (`/members/99999999999999999999/`) beyond what the database
    can store is a 404 before any view or query runs. `<int:…>` converters yield ints;
    routers' `[^/.]+` lookups yield strings of digits."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A NUL character is valid in a URL but no database text can hold it (PostgreSQL
        # refuses the query): a bad request for every view, before any lookup.
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = _("The address contains a character that is not allowed.")
            if getattr(view_func, "cls", None) is not None:
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        for name, value in view_kwargs.items():
            if isinstance(value, bool):
                continue
            if isinstance(value, int):
                number = value
            elif isinstance(value, str) and _is_id_kwarg(name) and value.isascii():
                if not value.isdigit():
                    continue  # the view's own lookup answers 404 for a non-number
                number = int(value)
            else:
                continue
            if number > MAX_ID:
                if getattr(view_func, "cls", None) is not None:  # a DRF view: answer in JSON
                    return JsonResponse({"detail": _("Not found.")}, status=404)
                raise Http404
        return None
