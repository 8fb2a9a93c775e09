"""Attaching files to records: checked by what their bytes are, not by their names, and
limited in size for each use."""

from __future__ import annotations

import dataclasses
import datetime
import mimetypes
import unicodedata
from pathlib import PurePath

import filetype
from pyramid.request import Request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import object_session

from norec_core import clock
from norec_core.files.inspection import refusal
from norec_core.files.models import StoredFile
from norec_core.files.text import extract_text
from norec_core.i18n import _
from norec_core.interfaces import IFileStore
from norec_core.layout import flash
from norec_core.resources import resource_key

# Types a text file may be, which no signature reveals: only by name, and only as text.
_TEXT_TYPES = {"text/plain", "text/csv"}


@dataclasses.dataclass(frozen=True)
class FileKind:
    """The files one use takes, said once for its form field (`upload_node`) and its
    store (`attach`): the media types, told by the bytes and not by the name, the
    largest size in bytes, and `accept`, the browser's hint for its file chooser (such as
    ".pdf,.docx")."""

    types: frozenset[str]
    max_size: int
    accept: str | None = None


class UploadError(ValueError):
    """The upload is refused; `message` says why, for the form field."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def sniff(data: bytes, filename: str) -> str | None:
    """The media type the bytes are, or None if they are none that can be told."""
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    guessed, _encoding = mimetypes.guess_type(filename)
    if guessed in _TEXT_TYPES:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return guessed
    return None


def check(data: bytes, filename: str, kind: FileKind) -> str:
    """The file's media type, or UploadError if it is too large or not of `kind`."""
    if len(data) > kind.max_size:
        mb = round(kind.max_size / 2**20, 1)
        raise UploadError(_("The file is larger than ${mb} MB.", mapping={"mb": mb}))
    content_type = sniff(data, filename)
    if content_type not in kind.types:
        raise UploadError(_("This kind of file cannot be used here."))
    refused = refusal(data, content_type)
    if refused is not None:
        raise UploadError(refused)
    return content_type


def clean_filename(filename: str) -> str:
    """The name a file is kept under: its last part, without direction controls (a
    right-to-left override makes "report‮fdp.exe" read as "reportexe.pdf") or other
    invisible characters, at most 255 characters."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf"))
    return name.strip()[:255] or "file"


def attach(
    request: Request,
    record,
    filename: str,
    data: bytes,
    *,
    kind: FileKind,
    read_permission: str,
    edit_permission: str,
    person=None,
    embargo_until: datetime.datetime | None = None,
    title: str = "",
) -> StoredFile:
    """Store `data` as a file of `record`, or raise UploadError with the reason.

    `read_permission` on `record` lets a user download it; before `embargo_until` only
    holders of `edit_permission` may. `person` is whom the file is about: their erasure
    removes it.
    """
    content_type = check(data, filename, kind)
    key = request.find_service(IFileStore).put(data)
    resource_type, resource_id = resource_key(record)
    row = StoredFile(
        key=key,
        filename=clean_filename(filename),
        title=title,
        content_type=content_type,
        size=len(data),
        resource_type=resource_type,
        resource_id=resource_id,
        read_permission=read_permission,
        edit_permission=edit_permission,
        person_id=person.id if person is not None else None,
        embargo_until=embargo_until,
        text=extract_text(data, content_type),
    )
    request.dbsession.add(row)
    request.dbsession.flush()
    return row


def attach_upload(request: Request, record, upload: dict, kind: FileKind, **options):
    """`attach` the file of a form's `upload_node` field (its value, `upload`) to
    `record`; `options` are attach's. The file, or None with the reason flashed to the
    user: the field checked the file already, so this is a race (the same bytes stored
    meanwhile under other rules), told instead of failing the page."""
    try:
        return attach(
            request, record, upload["filename"], upload["fp"].read(), kind=kind, **options
        )
    except UploadError as refused:
        flash(request, refused.message, "error")
        return None


def embargo_files(request: Request, record, until: datetime.datetime | None) -> int:
    """Close all of `record`'s files until `until` (None opens them), as when an editor
    moves an embargo; returns how many. Index the record again afterwards (`reindex`):
    the words of files under embargo are not searchable."""
    resource_type, resource_id = resource_key(record)
    found = request.dbsession.scalars(
        select(StoredFile).where(
            StoredFile.resource_type == resource_type, StoredFile.resource_id == resource_id
        )
    ).all()
    for row in found:
        row.embargo_until = until
    request.dbsession.flush()
    return len(found)


def files_of(request: Request, record) -> list[StoredFile]:
    """The files attached to `record`, oldest first; check the reader may see each
    (`read_permission`, `embargo_until`) before showing it."""
    resource_type, resource_id = resource_key(record)
    return list(
        request.dbsession.scalars(
            select(StoredFile)
            .where(StoredFile.resource_type == resource_type, StoredFile.resource_id == resource_id)
            .order_by(StoredFile.id)
        )
    )


def file_data(request: Request, stored: StoredFile) -> bytes:
    """The bytes of a file `files_of` listed: to send on, as a mail's attachment. The
    caller has checked that the reader may have them."""
    return request.find_service(IFileStore).get(stored.key)


def attached_text(record) -> str:
    """The words of `record`'s PDF and text files for its search document, but not of
    those under embargo: their words become searchable when the embargo ends and the
    record is indexed again (`norec_core.reindex`)."""
    session = object_session(record)
    resource_type, resource_id = resource_key(record)
    now = clock.now()
    texts = session.scalars(
        select(StoredFile.text).where(
            StoredFile.resource_type == resource_type,
            StoredFile.resource_id == resource_id,
            StoredFile.text.is_not(None),
            or_(StoredFile.embargo_until.is_(None), StoredFile.embargo_until <= now),
        )
    )
    return "\n".join(texts)


def remove(request: Request, rows: list[StoredFile]) -> None:
    """Delete the files, and their bytes where no other file holds the same ones."""
    session, store = request.dbsession, request.find_service(IFileStore)
    keys = {row.key for row in rows}
    for row in rows:
        session.delete(row)
    session.flush()
    for key in keys:
        still = session.scalar(select(func.count()).where(StoredFile.key == key))
        if not still:
            store.delete(key)


def remove_person_files(request: Request, person) -> None:
    """Erasure: every file about `person`, bytes included."""
    rows = request.dbsession.scalars(select(StoredFile).where(StoredFile.person_id == person.id))
    remove(request, list(rows))
