"""A background job: counting the notes, with its progress shown as it runs."""

from sqlalchemy import select

from norec_core import Person
from norec_notes.models import Note


def tally(job, fail: bool = False) -> str:
    """Count the notes, one at a time to show progress; `fail` proves a failed job undoes
    what it wrote (the note it adds)."""
    notes = job.dbsession.scalars(select(Note)).all()
    for done, _note in enumerate(notes, 1):
        job.progress(done, len(notes))
    person = job.dbsession.scalars(select(Person)).first()
    job.dbsession.add(Note(person=person, text="written by the tally job"))
    if fail:
        raise RuntimeError("the tally failed on purpose")
    return f"{len(notes)} notes"
