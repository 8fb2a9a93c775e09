"""Counting the SQL statements a request executes: the `query_counter` fixture of the
tests of the core and the plugins, whose counts do not vary with the machine's load as
timings would."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event


class QueryCounter:
    """The SQL statements the application executed: `statements`, `count`, `reset()`."""

    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def reset(self) -> None:
        self.statements.clear()


# What the test harness and the engine's own events execute, not the application's work:
# the harness's savepoints, and the BEGIN that SQLite's connections are given by an event.
_NOT_COUNTED = ("SAVEPOINT", "RELEASE", "ROLLBACK TO")


@contextmanager
def counting(target):
    """A `QueryCounter` of the statements run on `target` (an engine or a connection)
    inside the `with` block."""
    counter = QueryCounter()

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        start = statement.lstrip().upper()
        if not start.startswith(_NOT_COUNTED) and start != "BEGIN":
            counter.statements.append(statement)

    event.listen(target, "before_cursor_execute", before_execute)
    try:
        yield counter
    finally:
        event.remove(target, "before_cursor_execute", before_execute)


@pytest.fixture
def query_counter(db_connection):
    """A `QueryCounter` of the statements the application executes in this test (the
    harness's savepoints left out): `reset()` it, make a request, assert on `count`."""
    with counting(db_connection) as counter:
        yield counter
