"""Every route of the notes plugin, under its prefix /notes."""

from norec_core import model_factory
from norec_notes.models import Note


def add_routes(config) -> None:
    config.add_route("notes.index", "/")
    # A page per note, the note its context: the core's sections show its workflow there.
    config.add_route("notes.note", r"/{id:\d+}", factory=model_factory(Note))
    config.add_route("notes.list", "/list")
