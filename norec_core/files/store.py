"""The file stores: a local directory by default (`norec.files.url = file:///path`)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from zope.interface import implementer

from norec_core.interfaces import IFileStore


@implementer(IFileStore)
class LocalFileStore:
    """Files under `root`, each at `ab/cd/abcd…` by its sha256: written to a temporary
    file and renamed, so that a file is either whole or absent."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise KeyError(key)
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        path = self._path(key)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)
        return key

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def store_from_settings(settings) -> IFileStore:
    url = settings.get("norec.files.url", "")
    if url.startswith("file://"):
        return LocalFileStore(url.removeprefix("file://"))
    if not url:
        here = Path(settings.get("here", ".")).resolve()
        return LocalFileStore(here / "var" / "files")
    raise ValueError(f"norec.files.url: no file store for {url!r} (use file:///a/directory)")
