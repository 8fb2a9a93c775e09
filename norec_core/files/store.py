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


@implementer(IFileStore)
class S3FileStore:
    """Files in a bucket of an S3-compatible object store, each under its sha256."""

    def __init__(self, bucket: str, **client_options):
        import boto3  # the extra norec-core[s3]: only a deployment with a bucket needs it

        self.bucket = bucket
        self.client = boto3.client("s3", **client_options)

    def put(self, data: bytes) -> str:
        key = hashlib.sha256(data).hexdigest()
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
        return key

    def get(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.client.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)


def store_from_settings(settings) -> IFileStore:
    """`file:///a/directory`, or `s3://bucket` with `norec.files.s3.endpoint_url`,
    `.region_name`, `.aws_access_key_id` and `.aws_secret_access_key` as needed."""
    url = settings.get("norec.files.url", "")
    if url.startswith("file://"):
        return LocalFileStore(url.removeprefix("file://"))
    if url.startswith("s3://"):
        prefix = "norec.files.s3."
        options = {k.removeprefix(prefix): v for k, v in settings.items() if k.startswith(prefix)}
        return S3FileStore(url.removeprefix("s3://").strip("/"), **options)
    if not url:
        here = Path(settings.get("here", ".")).resolve()
        return LocalFileStore(here / "var" / "files")
    raise ValueError(f"norec.files.url: no file store for {url!r} (use file:///a/directory)")
