"""What the results pages share: parameters, scope, and the text of the figures.

Every figure counts DECIDED rows only, shares against the decided total (queries.py)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.forms import bootstrap_form
from dangvu.core.profiles import rule_value
from dangvu.core.scope import subtree_q
from dangvu.core.templatetags.vn import vn_number
from dangvu.core.views import ScopedMixin
from dangvu.organizations.models import Organization

from ... import queries
from ...choices import Rating
from ...models import EvaluationCycle, MemberEvaluation
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
    return year >= int(rule_value("evaluation.points_from_year", dt.date(year, 12, 31)))


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


def cycle_years() -> list[int]:
    """Years with an evaluation cycle (a handful of rows), newest first."""
    return list(EvaluationCycle.objects.values_list("year", flat=True).distinct().order_by("-year"))


def default_year(years: list[int]) -> int:
    """The latest closed cycle's year (the open one is still in progress), else the latest."""
    closed = (
        EvaluationCycle.objects.filter(status="closed").order_by("-year").values("year").first()
    )
    if closed:
        return closed["year"]
    return years[0] if years else timezone.localdate().year


def default_organization(user) -> Organization | None:
    if user.organization_id is not None:
        return user.organization
    if user.sees_everything:
        return Organization.objects.get_root_nodes().first()
    return None


class ResultsMixin(ScopedMixin):
    """Committees and their offices only; the organization comes from the user's scope (404
    outside it); `strict`: invalid parameters answer 400 with the reasons instead of being
    replaced by the defaults."""

    model = MemberEvaluation
    strict = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_plain_member:
            raise PermissionDenied(
                _("Evaluation results are for the committees and their offices.")
            )
        self.years = cycle_years()
        query = request.GET.copy()
        if not query.get("year") and self.years:
            # The form shows the year the page is about, not the first of the list.
            query["year"] = str(default_year(self.years))
        self.form = ResultsForm(query, years=self.years)
        valid = self.form.is_valid()
        if not valid and self.strict:
            errors = [str(e) for field in self.form.errors.values() for e in field]
            return render(request, "evaluations/results_error.html", {"errors": errors}, status=400)
        data = self.form.cleaned_data if valid else {}
        self.organization = self.resolve_organization(request, kwargs, data.get("organization"))
        self.year = data.get("year") or default_year(self.years)
        self.level = data.get("level") or MEMBERS
        self.rating = data.get("rating") or None
        self.by = data.get("by") or MEMBERS
        bootstrap_form(self.form)
        return super().dispatch(request, *args, **kwargs)

    def resolve_organization(self, request, kwargs, pk) -> Organization | None:
        visible = Organization.objects.visible_to(request.user)
        if "pk" in kwargs:
            return get_object_or_404(visible, pk=kwargs["pk"])
        if pk:
            organization = visible.filter(pk=pk).first()
            if organization is None:
                raise Http404(_("No such organization in your scope."))
            return organization
        return default_organization(request.user)

    def query(self, **changes) -> str:
        params = {
            "organization": self.organization.pk if self.organization else "",
            "year": self.year,
            "level": self.level,
            "rating": self.rating or "",
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def list_url(self, organization: Organization, level: str, rating: str | None = None) -> str:
        params = {"organization": organization.pk, "year": self.year, "level": level}
        if rating:
            params["rating"] = rating
        return reverse("evaluations:results_list") + "?" + urlencode(params)


def breadcrumbs(user, organization: Organization) -> list[Organization]:
    step = Organization.steplen
    paths = [organization.path[:i] for i in range(step, len(organization.path), step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


def children_of(user, organization: Organization, year: int) -> list[Organization]:
    """The child organizations shown in the breakdown (those dissolved before the year left
    out)."""
    return list(
        Organization.objects.visible_to(user)
        .filter(subtree_q("path", organization.path), depth=organization.depth + 1)
        .exclude(dissolved_on__lt=dt.date(year, 1, 1))
        .order_by("position", "path")
    )
