"""Files attached to records: a content-addressed store behind `IFileStore`, uploads
checked by their content, and a view that serves each file to those who may see the
record it belongs to."""

from norec_core.files.store import store_from_settings
from norec_core.interfaces import IFileStore


def includeme(config) -> None:
    config.register_service(store_from_settings(config.get_settings()), IFileStore)
    config.add_route("files.download", r"/files/{id:\d+}/{filename}")
    config.scan("norec_core.files.views")
