"""Reading a file of the register of former participants (CSV in UTF-8 with any of the
usual delimiters, or XLSX) into records of FIELDS, before `importing` plans what to do
with each. A file that cannot be read as a whole is refused with `UnreadableFile`; its
rows are judged one by one later."""

from __future__ import annotations

import csv
import io
import unicodedata

from norec_network.i18n import _

FIELDS = (
    "given_name",
    "family_name",
    "email",
    "country",
    "exchange_year",
    "sending_organisation",
    "receiving_organisation",
    "profession",
)


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (not the rows: those are rejected one by one)."""


def name_key(text: str) -> str:
    """A name as compared: case, accents and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def read(filename: str, data: bytes, mapping: dict[str, str] | None = None) -> list[dict]:
    """The file's rows as dicts of FIELDS; `mapping` names the file's own headers
    ({"E-post": "email"}). A header that is neither a field nor mapped is ignored."""
    mapping = {name_key(k): v for k, v in (mapping or {}).items()}
    unknown = sorted(set(mapping.values()) - set(FIELDS))
    if unknown:
        raise UnreadableFile(
            _("Unknown fields in the mapping: ${fields}", mapping={"fields": ", ".join(unknown)})
        )
    if filename.lower().endswith(".xlsx"):
        # openpyxl when a workbook comes: 11 MB in every web process otherwise.
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a file that is not one
            raise UnreadableFile(_("The file is not an Excel workbook (.xlsx).")) from error
        rows = [
            ["" if v is None else str(v).strip() for v in row]
            for row in book.active.iter_rows(values_only=True)
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableFile(
                _("The file is not text in UTF-8: save it as CSV UTF-8.")
            ) from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # one column, or nothing to tell by: commas
            dialect = csv.excel
        rows = [[v.strip() for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    rows = [r for r in rows if any(r)]
    if not rows:
        raise UnreadableFile(_("The file has no rows."))
    header = [mapping.get(name_key(h), name_key(h).replace(" ", "_")) for h in rows[0]]
    missing = [f for f in ("given_name", "family_name") if f not in header]
    if missing:
        raise UnreadableFile(
            _(
                "The first row must name the columns; these are missing: ${fields}.",
                mapping={"fields": ", ".join(missing)},
            )
        )
    return [
        {
            f: (row[header.index(f)] if f in header and header.index(f) < len(row) else "")
            for f in FIELDS
        }
        for row in rows[1:]
    ]
