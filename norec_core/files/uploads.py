"""Upload fields that keep their file when the form fails validation: the user need not
pick the file again. The bytes wait in the file store, their name in the session."""

from __future__ import annotations

import io

import colander
import deform
from deform.widget import filedict
from pyramid.request import Request

from norec_core.files.attachments import FileKind, UploadError, check
from norec_core.interfaces import IFileStore

SESSION_KEY = "norec.uploads"
KEPT = 10  # the uploads a session remembers; older ones are forgotten


class UploadTmpStore:
    """deform's FileUploadTempStore, with the bytes in the file store (by their hash) and
    only their name, type, size and key in the session."""

    def __init__(self, request: Request):
        self.request = request

    def _kept(self) -> dict:
        return self.request.session.get(SESSION_KEY, {})

    def __setitem__(self, uid, data) -> None:
        entry = {k: data.get(k) for k in ("filename", "mimetype", "uid")}
        fp = data.get("fp")
        if fp is not None:
            fp.seek(0)
            content = fp.read()
            entry["key"] = self.request.find_service(IFileStore).put(content)
            entry["size"] = len(content)
        elif uid in self._kept():
            entry = {**self._kept()[uid], **entry}
        else:
            return
        kept = {**self._kept(), uid: entry}
        self.request.session[SESSION_KEY] = dict(list(kept.items())[-KEPT:])

    def get(self, uid, default=None):
        entry = self._kept().get(uid)
        if entry is None or "key" not in entry:
            return default
        data = filedict(entry)
        data["fp"] = io.BytesIO(self.request.find_service(IFileStore).get(entry["key"]))
        data["preview_url"] = None
        return data

    def __getitem__(self, uid):
        found = self.get(uid)
        if found is None:
            raise KeyError(uid)
        return found

    def __contains__(self, uid) -> bool:
        return self.get(uid) is not None

    def preview_url(self, uid):
        return None


def upload_node(title, kind: FileKind, **kw) -> colander.SchemaNode:
    """A file field for a form bound with `request`: its value has `fp` and `filename`
    (give it to `attach_upload`), and a file that is too large or not of `kind` (by its
    bytes) is an error at the field, as `attach` would refuse it."""

    @colander.deferred
    def widget(node, bindings):
        store = UploadTmpStore(bindings["request"])
        return deform.widget.FileUploadWidget(store, accept=kind.accept)

    def validate(node, value):
        value["fp"].seek(0)
        data = value["fp"].read()
        value["fp"].seek(0)
        try:
            check(data, value.get("filename") or "", kind)
        except UploadError as refused:
            raise colander.Invalid(node, refused.message) from None

    return colander.SchemaNode(
        deform.FileData(), title=title, widget=widget, validator=validate, **kw
    )
