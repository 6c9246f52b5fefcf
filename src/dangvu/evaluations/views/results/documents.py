"""The decisions' list as a PDF (R4.7): GET /evaluations/results/<organization>/decisions.pdf
(the document itself is built in evaluations/documents.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from dangvu.core.pdf import docx_response, pdf_response
from dangvu.core.templatetags.vn import vn_number
from dangvu.organizations.models import Organization

from ... import queries
from ...documents import MAX_ROWS, pdf_levels, render
from ...queries import BRANCHES, EXCLUDED, GRASSROOTS, MEMBERS
from .common import ResultsMixin, shows_points

# The list's name in the file a user saves: Vietnamese without diacritics, never the code.
FILE_LEVELS = {
    MEMBERS: "dang-vien",
    BRANCHES: "chi-bo",
    GRASSROOTS: "to-chuc-co-so",
    EXCLUDED: "khong-xep-loai",
}


class DecisionListPdfView(ResultsMixin, View):
    """GET /evaluations/results/<organization>/decisions.pdf?year=&level=: the decided list of
    the organization's subtree (scope: 404 outside it)."""

    model = Organization  # the <pk> is an organization's (the scope crawler reads it)
    docx = False  # the same list as Word (DecisionListDocxView)

    def get(self, request, *args, **kwargs):
        org, level = self.organization, self.level
        if "level" not in request.GET:
            level = pdf_levels(org)[0]
        rows = queries.rating_lists(org.path, self.year, level, user=request.user)
        count = rows.count()
        back = reverse("evaluations:results") + "?" + self.query(level="", rating="")
        if not count:
            messages.error(request, _("No decided evaluations for this organization and year."))
            return HttpResponseRedirect(back)
        if count > MAX_ROWS:
            messages.error(
                request,
                _(
                    "The list has %(count)s rows, too many to print: choose a smaller "
                    "organization or export it to Excel."
                )
                % {"count": vn_number(count)},
            )
            return HttpResponseRedirect(back)
        counts = queries.rating_counts(org.path, self.year)[level]
        content = render(
            org, self.year, level, rows, counts, shows_points(self.year), docx=self.docx
        )
        name = f"danh-sach-xep-loai-{FILE_LEVELS.get(level, 'to-chuc')}-{self.year}"
        if self.docx:
            return docx_response(f"{name}.docx", content)
        return pdf_response(f"{name}.pdf", content)


class DecisionListDocxView(DecisionListPdfView):
    docx = True
