"""Reading our xlsx exports back (openpyxl): the title block above the header, the header row
(the one the panes are frozen below), and the table from the header down."""

from __future__ import annotations

import io
import re

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet


def workbook(source) -> openpyxl.Workbook:
    """A workbook from a response (streamed or not), bytes, or a path."""
    if hasattr(source, "streaming_content"):
        source = b"".join(source.streaming_content)
    elif hasattr(source, "content"):
        source = source.content
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    return openpyxl.load_workbook(source)


def sheet(source, index: int = 0) -> Worksheet:
    return workbook(source).worksheets[index]


def header_row(ws: Worksheet) -> int:
    """The header's row number: the panes are frozen right below it."""
    assert ws.freeze_panes, "the panes are not frozen"
    return int(re.sub(r"[A-Z]+", "", ws.freeze_panes)) - 1


def title_lines(ws: Worksheet) -> list[str]:
    """The texts of column A above the header, blank rows left out."""
    if header_row(ws) == 1:
        return []
    return [
        str(row[0])
        for row in ws.iter_rows(max_row=header_row(ws) - 1, values_only=True)
        if row and row[0] not in (None, "")
    ]


def table(ws: Worksheet) -> list[tuple]:
    """The header row, then every row below it (as openpyxl's value tuples)."""
    return list(ws.iter_rows(min_row=header_row(ws), values_only=True))
