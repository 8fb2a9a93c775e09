"""Every list as CSV and as an Excel workbook: exactly the rows its filters select, one
column per field, headers in the viewer's language, and in the workbook dates, times
and numbers typed as such, so that a spreadsheet can sort and sum them.

A list view builds its query once, then either pages it or, when `?format=csv` or
`?format=xlsx` is asked for, hands it to `export_response` with its columns. The rows
are read in one query, batch by batch, whatever their number; a column that needs
related rows (a person's languages) gets them in that query (`func.aggregate_strings`).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from pyramid.request import Request
from pyramid.response import Response
from sqlalchemy import Select

from norec_core import clock

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BATCH = 1000


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (translatable) and how to read it from a row
    (what the query gives: a record, or a tuple of a record and extra columns)."""

    title: Any
    value: Callable[[Any], Any]


def requested_format(request: Request) -> str | None:
    """ "csv" or "xlsx" if the list is asked for as an export (`?format=`), else None."""
    wanted = request.GET.get("format")
    return wanted if wanted in FORMATS else None


def export_links(request: Request) -> dict[str, str]:
    """The URLs of this list, with its filters, as CSV and as a workbook."""
    params = [(k, v) for k, v in request.GET.items() if k not in ("page", "format")]
    return {f: f"{request.path}?{urlencode([*params, ('format', f)])}" for f in FORMATS}


def export_file(
    request: Request, query, columns: list[Column], fmt: str = "xlsx", *, scalars: bool = True
) -> bytes:
    """The rows of `query` (a select, or rows already at hand) as a file's bytes in `fmt`
    ("csv" or "xlsx"): a workbook to attach to a mail."""
    if isinstance(query, Select):
        result = request.dbsession.execute(query.execution_options(yield_per=BATCH))
        rows = result.scalars() if scalars else result
    else:
        rows = query
    titles = [request.localizer.translate(c.title) for c in columns]
    return (_xlsx if fmt == "xlsx" else _csv)(titles, columns, rows)


def export_response(
    request: Request, query, columns: list[Column], name: str, *, scalars: bool = True
) -> Response:
    """The rows of `query` (a select, or rows already at hand: an import's check) as the
    requested format (CSV unless `?format=xlsx`), named `name`-<date>.<format>."""
    fmt = requested_format(request) or "csv"
    body = export_file(request, query, columns, fmt, scalars=scalars)
    response = Response(body=body, content_type=FORMATS[fmt])
    if fmt == "csv":
        response.charset = "utf-8"
    stamp = clock.now().astimezone(clock.SITE_TIMEZONE).date()
    response.content_disposition = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


# What a spreadsheet reads as the start of a formula (OWASP's list): a text starting so
# is written after an apostrophe, which the programs show as text and do not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    elif isinstance(value, bool | int | float | decimal.Decimal):
        return str(value)  # a number, negative ones included, stays a number
    else:
        text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(titles: list[str], columns: list[Column], rows: Iterable) -> bytes:
    out = io.StringIO()
    # The byte-order mark tells spreadsheet programs that the file is UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(titles)
    for row in rows:
        writer.writerow([_text(c.value(row)) for c in columns])
    return out.getvalue().encode("utf-8")


def _cell_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        # Workbooks have no time zones: the site's local time, as the pages show it.
        local = value.astimezone(clock.SITE_TIMEZONE) if value.tzinfo else value
        return local.replace(tzinfo=None)
    if isinstance(value, bool | int | float | decimal.Decimal | datetime.date):
        return value
    return _text(value)


def _xlsx(titles: list[str], columns: list[Column], rows: Iterable) -> bytes:
    # openpyxl when a workbook is asked for: a fifth of a second at every start-up else.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    header = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in columns:
            value = _cell_value(column.value(row))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
