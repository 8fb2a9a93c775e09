"""Counting the SQL statements a request executes: the `query_counter` fixture of the
tests of the core and the plugins, whose counts do not vary with the machine's load as
timings would."""

from __future__ import annotations

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


@pytest.fixture
def query_counter(db_connection):
    """A `QueryCounter` of the statements the application executes in this test (the
    harness's savepoints left out): `reset()` it, make a request, assert on `count`."""
    counter = QueryCounter()

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        # Savepoint bookkeeping of the test harness is not the application's work.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            counter.statements.append(statement)

    event.listen(db_connection, "before_cursor_execute", before_execute)
    yield counter
    event.remove(db_connection, "before_cursor_execute", before_execute)
