"""Downloading an attached file: for those who may see its record, not before its
embargo unless they edit the record; with its type, an ETag and byte ranges."""

from __future__ import annotations

from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from norec_core import clock
from norec_core.files.models import StoredFile
from norec_core.interfaces import IFileStore
from norec_core.resources import model_for, parse_id
from norec_core.security import VIEW

# Shown in the browser; everything else is downloaded, so no upload runs as a page.
INLINE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


@view_config(route_name="files.download", permission=VIEW)
def download(request):
    # VIEW here, and the record's own permission below: the file's record decides.
    file_id = parse_id(request.matchdict["id"])
    row = request.dbsession.get(StoredFile, file_id) if file_id is not None else None
    model = model_for(row.resource_type) if row is not None else None
    record = request.dbsession.get(model, row.resource_id) if model is not None else None
    if record is None or not request.has_permission(row.read_permission, record):
        raise HTTPNotFound()  # as if it did not exist: a file's name may say too much
    embargoed = row.embargo_until is not None and row.embargo_until > clock.now()
    if embargoed and not request.has_permission(row.edit_permission, record):
        raise HTTPNotFound()
    response = Response(
        body=request.find_service(IFileStore).get(row.key),
        content_type=row.content_type,
        conditional_response=True,  # ETag → 304, Range → 206
    )
    response.etag = row.key
    disposition = "inline" if row.content_type in INLINE else "attachment"
    # RFC 6266: a plain ASCII name for old clients, the real one encoded for the rest.
    plain = "".join(
        c if (c.isascii() and c.isalnum()) or c in ".-_ " else "_" for c in row.filename
    )
    response.content_disposition = (
        f"{disposition}; filename=\"{plain}\"; filename*=UTF-8''{quote(row.filename)}"
    )
    response.cache_control = "private, no-cache"
    return response
