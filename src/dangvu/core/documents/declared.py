"""The documents the apps declare (core.registry.Document with `build`), and how core finds
the object, the issuing body and the right to enter one in the register."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.apps import apps
from django.http import Http404
from django.utils.module_loading import import_string

from ..filters import parse_id
from ..registry import Document, registry
from ..text import fold
from .content import PartyDocument


def declared(key: str) -> Document:
    """The declared, core-served document `key`, or 404."""
    for document in registry().documents:
        if document.key == key and document.build and document.model:
            return document
    raise Http404


def for_model(label: str) -> list[Document]:
    """The core-served documents of rows of `label` ("app_label.modelname"), in order."""
    label = label.lower()
    found = [d for d in registry().documents if d.build and (d.model or "").lower() == label]
    return sorted(found, key=lambda d: d.order)


def load(document: Document, user, raw_pk: Any):
    """The row the document is about, if `user` may see it (404 otherwise)."""
    pk = parse_id(raw_pk)
    if pk is None:
        raise Http404
    model = apps.get_model(document.model)
    obj = model.objects.visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def issuing_organization(document: Document, obj):
    if document.organization:
        return import_string(document.organization)(obj)
    return obj.organization


def build(document: Document, obj, *, on: dt.date, user) -> PartyDocument:
    return import_string(document.build)(obj, on=on, user=user)


def may_issue(document: Document, user, obj) -> bool:
    """Enter it in the register: a numbered kind, and the app's permission (or, without one,
    the right to write records of the issuing organization)."""
    if not document.kind or not getattr(user, "is_authenticated", False):
        return False
    if document.permission:
        return bool(import_string(document.permission)(user, obj))
    return user.can_manage(issuing_organization(document, obj))


def filename(title: str, number: str, ext: str) -> str:
    """ "Biên bản họp chi bộ", "05-BB/CB" → "bien-ban-hop-chi-bo-05-BB-CB.pdf" (ASCII, as
    every browser and mail client saves it)."""
    base = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-") or "van-ban"
    if number:
        base += "-" + re.sub(r"[^A-Za-z0-9]+", "-", fold(number).upper()).strip("-")
    return f"{base}.{ext}"
