"""Issuing a document: its number from the register, in one transaction (R14.6). Numbers run
from 01 per issuer, kind and period; a number is never reused, a cancelled document keeps
its number and its line in the register."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .conf import value as setting
from .content import PartyDocument
from .format import kind_title, number_line, number_part
from .issuer import issuer_for, term_key
from .models import DocumentCounter, RegisteredDocument


def _object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def next_number(organization, kind: str, period: str) -> int:
    """Take the next number; the caller holds the transaction (a rollback gives it back,
    so there are no gaps)."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter, _ = DocumentCounter.objects.get_or_create(
                    organization_id=organization.pk, kind=kind, period=period
                )
            break
        except IntegrityError:  # two first issues at once: the other one created it
            continue
    DocumentCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    return DocumentCounter.objects.values_list("last", flat=True).get(pk=counter.pk)


def issue(
    organization,
    document: PartyDocument,
    *,
    user=None,
    obj=None,
    key: str = "",
) -> RegisteredDocument:
    """Register `document` (a frame from `content.frame_for`, dated, of a kind): give it its
    number, write it into the register with who, when and the object, and keep its content
    for identical re-prints."""
    kind = document.kind
    kind_title(kind)  # an unknown kind is refused
    issuer = issuer_for(organization)
    if kind in setting("not_issued_by").get(issuer.kind, ()):
        # R14.2 [S/U]: a cell issues no quy chế, thông báo or kết luận (QĐ 66 Đ9 k4c).
        raise ValidationError(
            "%(body)s không ban hành loại văn bản “%(kind)s”.",
            params={"body": organization.name, "kind": kind_title(kind).lower()},
        )
    on: dt.date = document.date
    period = term_key(organization, on)
    with transaction.atomic():
        number = next_number(organization, kind, period)
        document.number = number_line(number, kind, issuer.symbol)
        object_type, object_id = _object_ref(obj)
        return RegisteredDocument.objects.create(
            organization_id=organization.pk,
            org_path=organization.path,
            kind=kind,
            period=period,
            number=number,
            symbol=issuer.symbol,
            number_text=number_part(number, kind, issuer.symbol),
            issued_on=on,
            title=(document.subtitle or document.title)[:255],
            document_key=key,
            object_type=object_type,
            object_id=object_id,
            content=document.to_dict(),
            issued_by=user if getattr(user, "pk", None) else None,
        )


def registered_for(obj, key: str = ""):
    """The live (not cancelled) registration of `obj`'s document `key`, or None."""
    object_type, object_id = _object_ref(obj)
    rows = RegisteredDocument.objects.filter(
        object_type=object_type, object_id=object_id, cancelled_at__isnull=True
    )
    if key:
        rows = rows.filter(document_key=key)
    return rows.order_by("-pk").first()


def cancel(registered: RegisteredDocument, reason: str) -> RegisteredDocument:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Cần ghi lý do hủy văn bản.")
    if registered.cancelled_at:
        raise ValidationError("Văn bản này đã bị hủy.")
    registered.cancelled_at = timezone.now()
    registered.cancel_reason = reason[:255]
    registered.save(update_fields=["cancelled_at", "cancel_reason"])
    return registered


def reprint(registered: RegisteredDocument) -> PartyDocument:
    """The document exactly as it was issued."""
    return PartyDocument.from_dict(registered.content)
