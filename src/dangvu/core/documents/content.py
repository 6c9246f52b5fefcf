"""A party document's content, the same for PDF and DOCX: the frame (HD 36 boxes 1–9) and a
body of blocks. Serializable (`to_dict`/`from_dict`) so the register keeps what was issued
and re-prints it identically."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from .conf import value as setting
from .format import date_line, kind_title, number_line


@dataclass
class Block:
    """One piece of the body. `kind`: "p" paragraph, "h" centred bold heading, "field"
    label: value line, "table" (headers + rows), "list" (items, one per line, with "- ")."""

    kind: str = "p"
    text: str = ""
    bold: bool = False
    italic: bool = False
    center: bool = False
    label: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # relative column widths
    items: list[str] = field(default_factory=list)


# What a paper form leaves for a field nobody filled in: a builder prints it rather than guess.
BLANK = "……"


def day_or_blank(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else BLANK


def text_or_blank(value: object) -> str:
    value = "" if value is None else str(value).strip()
    return value or BLANK


def p(text: str, **kw) -> Block:
    return Block("p", text=text, **kw)


def h(text: str) -> Block:
    return Block("h", text=text, bold=True, center=True)


def field_line(label: str, text: str) -> Block:
    return Block("field", label=label, text=text)


def table(headers: list[str], rows: list[list[Any]], widths: list[int] | None = None) -> Block:
    return Block(
        "table",
        headers=[str(x) for x in headers],
        rows=[["" if c is None else str(c) for c in row] for row in rows],
        widths=widths or [],
    )


def bullets(items: list[str]) -> Block:
    return Block("list", items=[str(x) for x in items])


@dataclass
class Signature:
    """One signature column of a document signed by several people side by side (a
    minutes: THƯ KÝ and CHỦ TỌA), left to right."""

    capacity: str = ""  # "CHỦ TỌA", "T/M CHI BỘ"
    title: str = ""  # "BÍ THƯ" (may be empty)
    name: str = ""  # "" leaves the space to write the name by hand


@dataclass
class PartyDocument:
    """The frame of a printed document. `title` is the kind line ("BÁO CÁO"; derived from
    `kind` when empty); `subtitle` the summary (trích yếu). Older callers that pass only
    `title`, `issuing_body`, `number`… (core/pdf.py's frame) still work."""

    title: str = ""
    issuing_body: str = ""
    superior_body: str = ""
    number: str = ""
    place: str = ""
    date: dt.date = field(default_factory=timezone.localdate)
    subtitle: str = ""
    signer_capacity: str = "T/M BAN THƯỜNG VỤ"
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] | list[str] = ("Như trên,", "Lưu VT.")
    landscape: bool = False
    kind: str = ""  # NQ, BC, BB, GGT…
    blocks: list[Block] = field(default_factory=list)
    recipients_label: str = "Nơi nhận:"
    separator: bool = True  # R14.11: "-----" under the summary
    # Several signers side by side instead of the one signer block (the recipients, if any,
    # then go under them); empty for the usual "T/M … / title / name".
    signers: list[Signature] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.title and self.kind:
            self.title = kind_title(self.kind)

    @property
    def place_and_date(self) -> str:
        return date_line(self.date, self.place)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["recipients"] = list(self.recipients)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PartyDocument:
        data = dict(data)
        data["date"] = dt.date.fromisoformat(data["date"])
        data["blocks"] = [Block(**b) for b in data.get("blocks", [])]
        data["recipients"] = tuple(data.get("recipients", ()))
        data["signers"] = [Signature(**s) for s in data.get("signers", [])]
        return cls(**data)


def recorded_number(frame: PartyDocument, recorded: str, kind: str) -> None:
    """The number written on the record ("12-GGT/ĐU") is the paper's number when it is one
    in the party's form (R14.7) of this kind; otherwise the frame keeps its blanks for the
    register (`register.issue` gives the number)."""
    from .format import validate_number

    try:
        number, found_kind, symbol = validate_number(recorded or "")
    except ValidationError:  # typed in another form ("07/GGT")
        return
    if found_kind == kind:
        frame.number = number_line(number, kind, symbol)


def frame_for(
    organization,
    kind: str,
    on: dt.date,
    *,
    summary: str = "",
    number: int | None = None,
    recipients: list[str] | tuple[str, ...] = (),
    blocks: list[Block] | None = None,
    title: str = "",
    signer: Any = None,
) -> PartyDocument:
    """The whole frame for `organization`'s document of `kind` dated `on`: issuer lines,
    number ("Số 12-BC/ĐU", blanks while unregistered), date line with the place, signer from
    the committee seats of that day, recipients ending with "Lưu VT"."""
    from .issuer import issuer_for, signer_for

    issuer = issuer_for(organization)
    signer = signer or signer_for(organization, on, issuer)
    archive = setting("archive_line")
    lines = [*recipients]
    if not any(str(line).startswith(archive) for line in lines):
        lines.append(f"{archive}.")
    return PartyDocument(
        title=title,
        kind=kind,
        issuing_body=issuer.name,
        superior_body=issuer.superior,
        number=number_line(number, kind, issuer.symbol),
        place=issuer.place,
        date=on,
        subtitle=summary,
        signer_capacity=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name,
        recipients=tuple(lines),
        blocks=blocks or [],
    )
