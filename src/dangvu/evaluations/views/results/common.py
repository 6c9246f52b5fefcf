"""What the results pages share: parameters, scope, and the text of the figures.

Every figure counts DECIDED rows only, shares against the decided total (queries.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.forms import bootstrap_form
from dangvu.core.templatetags.vn import vn_number
from dangvu.organizations import queries as organization_queries
from dangvu.organizations.models import Organization

from ... import queries, rules
from ...choices import Rating
from ...queries import BRANCHES, EXCLUDED, GRASSROOTS, MEMBERS

LEVEL_LABELS = {
    GRASSROOTS: gettext_lazy("Grassroots party organizations"),
    BRANCHES: gettext_lazy("Branches under grassroots committees"),
    MEMBERS: gettext_lazy("Party members"),
}
# The nouns and verb phrases of the sentences the articles use ("726 chi bộ hoàn thành xuất
# sắc nhiệm vụ, chiếm 14,92%").
LEVEL_NOUNS = {
    GRASSROOTS: gettext_lazy("grassroots party organizations"),
    BRANCHES: gettext_lazy("branches"),
    MEMBERS: gettext_lazy("party members"),
}
RATING_PHRASES = {
    Rating.EXCELLENT: gettext_lazy("excellently fulfilled their duties"),
    Rating.GOOD: gettext_lazy("well fulfilled their duties"),
    Rating.COMPLETED: gettext_lazy("fulfilled their duties"),
    Rating.NOT_COMPLETED: gettext_lazy("did not fulfil their duties"),
}
PAGE_SIZE = 100


def article_percent(value: float | None) -> str:
    """A share as the articles print it: two decimals at most, no trailing zero
    (14,92%; 74,4%; 75%)."""
    if value is None:
        return "—"
    number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    number = number.to_integral() if number == number.to_integral() else number.normalize()
    return number_format(number, use_l10n=True) + "%"


def sentence(level: str, counts: dict[str, int]) -> str:
    """ "726 branches excellently fulfilled their duties, accounting for 14.92%; …" (only the
    levels that occur; empty when nothing is decided)."""
    shares = queries.shares(counts)
    parts = [
        _("%(count)s %(noun)s %(rating)s, accounting for %(share)s")
        % {
            "count": vn_number(counts[rating]),
            "noun": LEVEL_NOUNS[level],
            "rating": RATING_PHRASES[rating],
            "share": article_percent(shares[rating]),
        }
        for rating in Rating.values
        if counts[rating]
    ]
    return "; ".join(parts) + "." if parts else ""


def shows_points(year: int) -> bool:
    """R4.3: scores out of 100 only from the year the profile in force then names (QĐ 366);
    earlier years have levels only."""
    return rules.uses_points(year)


# ---- parameters -----------------------------------------------------------------------------


class ResultsForm(forms.Form):
    """`?organization=&year=&level=&rating=&by=` of every results URL."""

    organization = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), required=False, coerce=int)
    level = forms.ChoiceField(choices=list(LEVEL_LABELS.items()), required=False)
    rating = forms.ChoiceField(
        choices=[*Rating.choices, (EXCLUDED, gettext_lazy("Not rated"))], required=False
    )
    by = forms.ChoiceField(choices=list(LEVEL_LABELS.items()), required=False)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "There is no evaluation for the year %(value)s."
        )


def default_year(years: list[int]) -> int:
    """The latest closed cycle's year (the open one is still in progress), else the latest."""
    closed = queries.pages.latest_closed_year()
    if closed:
        return closed
    return years[0] if years else timezone.localdate().year


def results_form(request, years: list[int]) -> ResultsForm:
    """The parameters of a results URL; the form shows the year the page is about (the
    default one when none is asked), not the first of the list."""
    query = request.GET.copy()
    if not query.get("year") and years:
        query["year"] = str(default_year(years))
    return ResultsForm(query, years=years)


def form_errors(form: forms.Form) -> list[str]:
    return [str(e) for field in form.errors.values() for e in field]


def resolve_organization(user, kwargs, pk) -> Organization | None:
    """The organization of the URL (`pk`: 404 outside the scope) or of `?organization=`,
    else the user's own."""
    if "pk" in kwargs:
        organization = queries.pages.visible_organization(user, kwargs["pk"])
        if organization is None:
            raise Http404
        return organization
    if pk:
        organization = queries.pages.visible_organization(user, pk)
        if organization is None:
            raise Http404(_("No such organization in your scope."))
        return organization
    return queries.pages.default_organization(user)


class ResultsMixin(LoginRequiredMixin):
    """Committees and their offices only; the organization comes from the user's scope (404
    outside it); `strict`: invalid parameters answer 400 with the reasons instead of being
    replaced by the defaults."""

    strict = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_plain_member:
            raise PermissionDenied(
                _("Evaluation results are for the committees and their offices.")
            )
        self.years = queries.pages.cycle_years()
        self.form = results_form(request, self.years)
        valid = self.form.is_valid()
        if not valid and self.strict:
            context = {"errors": form_errors(self.form)}
            return render(request, "evaluations/results_error.html", context, status=400)
        self.set_parameters(request.user, kwargs, self.form.cleaned_data if valid else {})
        bootstrap_form(self.form)
        return super().dispatch(request, *args, **kwargs)

    def set_parameters(self, user, kwargs, data: dict) -> None:
        self.organization = resolve_organization(user, kwargs, data.get("organization"))
        self.year = data.get("year") or default_year(self.years)
        self.level = data.get("level") or MEMBERS
        self.rating = data.get("rating") or None
        self.by = data.get("by") or MEMBERS

    def query(self, **changes) -> str:
        return results_query(self, **changes)

    def list_url(self, organization: Organization, level: str, rating: str | None = None) -> str:
        return list_url(self.year, organization, level, rating)


def results_query(view, **changes) -> str:
    """The query string of the page's parameters, with `changes` ("" drops one)."""
    params = {
        "organization": view.organization.pk if view.organization else "",
        "year": view.year,
        "level": view.level,
        "rating": view.rating or "",
    }
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def list_url(year: int, organization: Organization, level: str, rating: str | None = None) -> str:
    """The list behind one figure."""
    params = {"organization": organization.pk, "year": year, "level": level}
    if rating:
        params["rating"] = rating
    return reverse("evaluations:results_list") + "?" + urlencode(params)


def breadcrumbs(user, organization: Organization) -> list[Organization]:
    """The ancestors of `organization` the user may see, from the top."""
    return organization_queries.breadcrumbs(user, organization)


children_of = queries.pages.children_of
