"""Every page a user sees is in Vietnamese: the test walks every HTML page (the URL enumeration of
the scope crawler, so a new page is walked as soon as it exists) as each role, and the Django
admin's pages as the administrator, extracts the text a reader sees and fails on English words.

This catches what the catalogue test (tests/test_translations.py) cannot: strings that never
went through gettext (raw values, library labels, notes written in code), not only msgids left
without a msgstr. Every offending page and phrase is printed at once.

Text marked `translate="no"` (the HTML attribute for codes: rule ids, profile keys) is a
reference, not prose, and is not read; a rule id outside such a reference is an offence too (the
rule in words is the message, its code a reference).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from tests.test_scope_crawler import all_routes, crawl_world, objects_for, view_model  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = ["officer_a", "secretary_a1", "member_a1", "admin"]

# Common English words that never occur in Vietnamese UI text. Left out on purpose: words that are
# also Vietnamese syllables without diacritics or parts of names ("an", "in", "to", "me", "long",
# "ban", "lan"...), and abbreviations of the regulations ("HD", "QĐ", "TW").
ENGLISH = set(
    """
    the and of with from for this that these those your you are was were has have had been
    will would should could must can may not nor but than then there their they them its
    what which when where who whom why how all any each every some other more less only also
    into onto over under about after before since until due overdue
    create created update updated delete deleted edit save cancel submit search filter
    add remove back next previous show hide open close closed new none true false yes
    page list total count number name status type kind date year month months day days
    hours minutes minute value values default source local setting settings secondary
    confirmed unconfirmed unspecified rounding floor ceil excellent good fair weak poor
    completed attendance duration documents document preparation content follow
    member members branch branches meeting meetings organization organizations committee
    rule rules report reports export import download upload file files error errors
    required invalid please enter select choose login logout password user username users
    home dashboard note notes reason history change changes action actions draft pending
    approved rejected proposed decided issued grassroots province provincial commune
    probationary official candidate admission admissions evaluation evaluations transfer
    transfers discipline residence visit visits task tasks minutes village secretary
    handbook scoring congresses stated reading practice season except violations
    collectives rated like ones self detected remedied log entry entries object objects
    breadcrumb breadcrumbs toggle navigation loading
    """.split()
)

# Foreign words a Vietnamese interface uses as they are (formats, product names).
ALLOWED = {
    "pdf",
    "word",
    "excel",
    "xlsx",
    "docx",
    "csv",
    "dangvu",
    "email",
    "api",
    "url",
    "id",
}

# tests/registry_app, installed by the test settings only, speaks English on purpose (it proves
# that an app plugs in with no other file touched, the catalogue included): its pages and the
# phrases its contributions add to shared pages are not read.
TEST_APP_NAMESPACE = "registry_app"
TEST_APP_WORDS = re.compile(r"probe|registry", re.IGNORECASE)

SKIPPED_TAGS = {"script", "style", "template", "noscript", "svg"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class VisibleText(HTMLParser):
    """The text a reader sees or hears: element text and the attributes read out, not scripts,
    styles or markup, nor what is marked `translate="no"`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open elements whose content is not read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        skip = tag in SKIPPED_TAGS or attributes.get("translate") == "no"
        if self.skipping or skip:
            if tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset"):
            self.parts.append(attributes.get("value") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and dict(attrs).get("translate") != "no":
            for name in READ_ATTRIBUTES:
                if dict(attrs).get(name):
                    self.parts.append(dict(attrs)[name])

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag in self.skipping:
            # Close up to the matching element (HTML lets some end tags be left out).
            while self.skipping:
                if self.skipping.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


WORD = re.compile(r"[^\W\d_]+")
# A rule id read as text: codes are references (core/templatetags/rule_refs.py), marked
# translate="no", never the message itself.
BARE_CODE = re.compile(r".{0,40}\bR\d+\.\d+[a-z]?\b.{0,10}")


def english_phrases(text: str) -> list[str]:
    """Each run of text around an English word, for the report (a few words either side)."""
    tokens = WORD.findall(text)
    found = []
    for i, token in enumerate(tokens):
        word = token.lower()
        if word in ENGLISH and word not in ALLOWED and token.isascii():
            phrase = " ".join(tokens[max(0, i - 3) : i + 4])
            if not TEST_APP_WORDS.search(" ".join(tokens[max(0, i - 6) : i + 7])):
                found.append(phrase)
    found.extend(f"rule code: {match.group(0)}" for match in BARE_CODE.finditer(text))
    return found


def own_object(model, world, user_attr: str):
    """A record of `model` the role may open: the member's own record, the secretary's branch."""
    if user_attr == "member_a1":
        if model is Member:
            return world.hoa
        if model is Organization:
            return world.branch_a1
    if user_attr == "secretary_a1" and model is Organization:
        return world.branch_a1
    if user_attr == "officer_a" and model is Organization:
        return world.commune_a
    return objects_for(model, world, "a")


def page_urls(world, user_attr: str) -> list[str]:
    urls = []
    for namespace, pattern, names in all_routes():
        if pattern.name is None or namespace == TEST_APP_NAMESPACE:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        if not names:
            urls.append(reverse(name))
            continue
        model = view_model(pattern)
        if names != ["pk"] or model is None:
            continue
        obj = own_object(model, world, user_attr)
        if obj is not None:
            urls.append(reverse(name, kwargs={"pk": obj.pk}))
    return urls


def is_html(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def offences(client, urls: list[str]) -> tuple[dict[str, list[str]], int]:
    found: dict[str, list[str]] = {}
    walked = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if not is_html(response) or hasattr(response, "streaming_content"):
            continue
        walked += 1
        phrases = english_phrases(visible_text(response.content.decode()))
        if phrases:
            found[url] = sorted(set(phrases))
    return found, walked


def report(found: dict[str, list[str]], user_attr: str) -> str:
    lines = [f"English on {len(found)} pages seen by {user_attr}:"]
    for url, phrases in found.items():
        lines.append(f"  {url}")
        lines.extend(f"      … {phrase} …" for phrase in phrases)
    return "\n".join(lines)


def test_the_extractor_reads_what_a_reader_sees():
    html = (
        "<html><head><title>Danh sách</title><style>.the{}</style></head><body>"
        '<script>var the = 1;</script><p class="and">Đảng viên <b>mới</b>'
        '<input placeholder="Tìm kiếm" value="the"><code translate="no">org.key</code></p>'
        '<a title="Tải về">PDF</a><p>Create Lê Văn Việt</body></html>'
    )
    text = visible_text(html)
    assert "Đảng viên mới" in text and "Tìm kiếm" in text and "Tải về" in text
    assert "org.key" not in text and "var" not in text and "class" not in text
    assert english_phrases(text) == ["Tải về PDF Create Lê Văn Việt"]


@pytest.mark.parametrize("user_attr", ROLES)
def test_every_page_is_in_vietnamese(client, crawl_world, user_attr):  # noqa: F811
    world = crawl_world
    # A change in the audit history, so the history's "update" entry is on the member's page.
    world.hoa.phone = "0912345678"
    world.hoa.save()
    client.force_login(getattr(world.users, user_attr))
    found, walked = offences(client, page_urls(world, user_attr))
    print(f"{user_attr}: {walked} HTML pages read")
    assert walked > 10, f"only {walked} HTML pages walked as {user_attr}"
    assert not found, report(found, user_attr)


def admin_labels(model) -> dict[str, str]:
    """What the admin shows of one of our models: its names, its fields' labels and choices,
    the columns of its list (in the active language)."""
    meta = model._meta
    labels = {"verbose_name": str(meta.verbose_name), "plural": str(meta.verbose_name_plural)}
    labels["app"] = str(meta.app_config.verbose_name)
    for field in meta.get_fields():
        if not hasattr(field, "verbose_name") or field.auto_created and not field.concrete:
            continue
        labels[field.name] = str(field.verbose_name)
        for value, label in getattr(field, "flatchoices", None) or []:
            labels[f"{field.name}={value}"] = str(label)
    model_admin = admin.site._registry[model]
    for column in model_admin.list_display:
        description = getattr(getattr(model_admin, str(column), None), "short_description", None)
        if description:
            labels[f"column {column}"] = str(description)
    return labels


def test_the_admin_shows_our_models_in_vietnamese(client, crawl_world):  # noqa: F811
    """The Django admin where staff use it: every label of our registered models (names,
    fields, choices, list columns) is translated, and their list, add and change pages open."""
    from django.utils import translation

    ours = [m for m in admin.site._registry if m._meta.app_config.name.startswith("dangvu.")]
    assert len(ours) >= 5
    untranslated = {}
    for model in ours:
        with translation.override("en"):
            english = admin_labels(model)
        with translation.override("vi"):
            vietnamese = admin_labels(model)
        for where, label in vietnamese.items():
            # The same text in both languages is a msgid left untranslated (or never marked).
            same = label == english[where] and re.search(r"[a-z]{3,}", label.lower())
            if (same and label.lower() not in ALLOWED) or english_phrases(label):
                untranslated[f"{model._meta.label} {where}"] = label
    assert not untranslated, "\n".join(f"{k}: {v}" for k, v in untranslated.items())
    client.force_login(crawl_world.users.admin)
    for model in ours:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        obj = model._default_manager.first()
        if obj is not None:
            urls.append(reverse(f"{prefix}_change", args=[obj.pk]))
        for url in urls:
            assert client.get(url).status_code in (200, 403), url  # 403: add is not offered
    # The permission pickers: Django stores the names in English, staff read them in words.
    for url in (
        reverse("admin:accounts_user_change", args=[crawl_world.users.officer_a.pk]),
        reverse("admin:auth_group_add"),
    ):
        text = visible_text(client.get(url).content.decode())
        assert "Được thêm đảng viên" in text and "Được xem tổ chức đảng" in text, url
        assert "Can add" not in text and "Can view" not in text, url


# --- File names a user saves: Vietnamese without diacritics, never a code or an English word.

FILE_NAME = re.compile(r'filename="?([^";]+)"?')


def saved_name(response) -> str:
    found = FILE_NAME.search(response.get("Content-Disposition", ""))
    assert found, response.get("Content-Disposition")
    return found.group(1)


def english_in_file_name(name: str) -> list[str]:
    assert name.isascii(), name
    stem = name.rsplit(".", 1)[0]
    return [part for part in re.split(r"[^a-z]+", stem.lower()) if part in ENGLISH]


def test_report_files_are_named_in_vietnamese(client, world):
    from dangvu.reports.queries import REPORTS

    client.force_login(world.users.officer_a)
    names = {}
    for report in REPORTS:
        if report == "probe":  # tests/registry_app's section
            continue
        response = client.get(reverse("reports:export"), {"report": report, "format": "json"})
        assert response.status_code == 200, report
        names[report] = saved_name(response)
    assert names["dashboard"].startswith("thong-ke-xay-dung-dang-XA-")
    assert names["evaluations"].startswith("danh-gia-xep-loai-")
    assert {name: english_in_file_name(name) for name in names.values()} == {
        name: [] for name in names.values()
    }
    listing = client.get(
        reverse("reports:list"), {"year": 2025, "figure": "members.women", "format": "xlsx"}
    )
    assert listing.status_code == 200
    assert not english_in_file_name(saved_name(listing)), saved_name(listing)


def test_the_evaluation_lists_are_named_by_level_in_vietnamese(client, world):
    from tests.evaluations.test_results import build_results

    results = build_results(world)
    client.force_login(results.world.users.officer_a)
    grassroots = client.get(
        reverse("evaluations:results_pdf", args=[world.commune_a.pk]), {"year": 2025}
    )
    assert saved_name(grassroots) == "danh-sach-xep-loai-to-chuc-co-so-2025.pdf"
    client.force_login(results.world.users.grassroots_a)
    url = reverse("evaluations:results_docx", args=[world.base_a.pk])
    members = client.get(url, {"year": 2025, "level": "members"})
    assert saved_name(members) == "danh-sach-xep-loai-dang-vien-2025.docx"
    branches = client.get(url, {"year": 2025, "level": "branches"})
    assert saved_name(branches) == "danh-sach-xep-loai-chi-bo-2025.docx"


# --- Rule codes as references; the rule profile's values in words.


def test_a_rule_code_becomes_a_reference_after_the_sentence(db):
    from dangvu.core.templatetags.rule_refs import rule_ref

    html = str(rule_ref("Bí thư chi bộ không được xếp loại cao hơn chi bộ (R4.6)."))
    assert visible_text(html).startswith("Bí thư chi bộ không được xếp loại cao hơn chi bộ.")
    assert '<span translate="no">R4.6</span>' in html and 'data-rule="R4.6"' in html
    assert "HD 21-HD/BTCTW" in html  # the regulation of the rule's profile defaults
    assert not BARE_CODE.search(visible_text(html))
    inner = str(rule_ref("Thiếu nhận xét năm 2026 (hạn 01/11/2026, R5.4)."))
    assert visible_text(inner).startswith("Thiếu nhận xét năm 2026 (hạn 01/11/2026).")
    assert not BARE_CODE.search(visible_text(inner))
    assert str(rule_ref("<b>R4.6</b>")) == "&lt;b&gt;R4.6&lt;/b&gt;"  # escaped, not a reference
    assert str(rule_ref("Không có mã")) == "Không có mã"


def test_the_rule_profile_shows_values_in_words(client, world):
    from dangvu.core.profiles import publish_profile
    from dangvu.core.rule_defaults import default_values

    values = dict(default_values())
    values["evaluation.quota_rounding"] = "round"
    publish_profile(
        values=values, valid_from=timezone.localdate(), note="Thử", user=world.users.admin
    )
    client.force_login(world.users.admin)
    response = client.get(reverse("core:profile"))
    rows = {row["default"].key: row for row in response.context["rules"]}
    assert rows["evaluation.self_remedied_exception"]["value"] == "Có"
    assert rows["meetings.unexcused_absence_consecutive"]["value"] == "Không"
    assert rows["evaluation.probationary_max"]["value"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert rows["evaluation.quota_rounding"]["value"] == "làm tròn đến số nguyên gần nhất"
    assert rows["evaluation.quota_rounding"]["default_value"] == "làm tròn xuống"
    assert rows["meetings.quorum_fraction"]["value"] == "2/3"
    assert rows["meetings.good_requires_max"]["value"].startswith("Tỷ lệ dự sinh hoạt")
    assert rows["meetings.good_requires_max"]["value"].count(";") == 2
    text = visible_text(response.content.decode())
    for raw in ("True", "floor", "excellent", "['attendance'", "org.branch_min_official"):
        assert raw not in text, raw
    assert "org.branch_min_official" in response.content.decode()  # kept as a small reference
    for word in ("đã xác nhận", "nguồn thứ cấp", "chưa xác nhận"):
        assert word in text
    form = client.get(reverse("core:profile_edit")).context["form"]
    assert dict(form.fields["evaluation__quota_rounding"].choices)["floor"] == "làm tròn xuống"


def test_the_history_names_its_actions_in_vietnamese(client, world):
    from django.utils import translation

    from dangvu.core.views import audit_history

    world.hoa.phone = "0912345678"
    world.hoa.save()
    with translation.override("vi"):
        actions = [row.action for row in audit_history(world.hoa, world.users.admin)]
    assert actions == ["Sửa đổi", "Thêm mới"]  # newest first; auditlog says "update", "create"
    client.force_login(world.users.officer_a)
    text = visible_text(client.get(reverse("members:detail", args=[world.hoa.pk])).content.decode())
    assert "Sửa đổi" in text and "Update" not in text and "Create" not in text
