"""The database: the model base, the engine, and a session per request joined to its transaction."""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

import zope.sqlalchemy
from pyramid_retry import mark_error_retryable
from sqlalchemy import DateTime, Engine, MetaData, TypeDecorator, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Constraint names are fixed so that Alembic migrations can name what they alter or drop,
# identically on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A moment, stored as UTC in a plain timestamp column (the same on SQLite, which has
    no time zones, and PostgreSQL) and read back aware of its zone.

    A moment given with an offset is converted to UTC, never stripped of it; one given
    without (a form's local date and time, until the record says its zone) is taken as
    UTC. Every `Mapped[datetime.datetime]` column of every model has this type.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value


class Base(DeclarativeBase):
    """The base of every model, the core's and the plugins': one metadata, one migration history."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime.datetime: UTCDateTime}


READING = "norec_reading"  # an execution option: the transaction is a page being read
# An execution option for a write that changes nothing any page shows (a login session's
# "seen" mark, whose effect pages already carry in how long they are kept): it leaves the
# state named by `state_token` as it was, so it does not make every kept page new.
UNSTATED = "norec_unstated"
# Statements that change no data; anything else counts as a change (see `state_token`).
# Rollbacks are counted by their events, only when they undo something.
_READS = ("SELECT", "PRAGMA", "BEGIN", "RELEASE", "SHOW", "ROLLBACK")
_CHANGES = "norec_changes"  # in a DBAPI connection's info: its changes and rollbacks
_WROTE = "norec_wrote"  # ... and whether its open transaction wrote
_SAVEPOINTS = "norec_savepoints"  # ... and its count as each open savepoint began
_IDENTITY = "norec_connection"


def make_engine(url: str, **kwargs) -> Engine:
    engine = create_engine(url, **kwargs)
    _count_changes(engine)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            # A fresh checkout has no var/ yet; SQLite would fail with "unable to open".
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite begins transactions on its own and so breaks SAVEPOINT and
        # transactional DDL; hand transaction control to SQLAlchemy instead.
        dbapi_connection.isolation_level = None
        # SQLite's built-in lower() folds ASCII only; searching "øystein" must find "Øystein".
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        # Readers do not wait for the writer (the web pages for the worker's batches).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get(READING):
            # A page being read takes no lock: in WAL mode it reads beside the writer.
            connection.exec_driver_sql("BEGIN")
        else:
            # IMMEDIATE takes the write lock at the start: a transaction that read first
            # and wrote later would otherwise fail with "database is locked" whenever
            # another connection (the worker, another request) wrote in between.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "handle_error")
    def _retry_when_locked(context):
        # The rare write of a read (a token used on a GET) may find that
        # another connection wrote since it read: pyramid_retry runs the request again.
        if "database is locked" in str(context.original_exception):
            if context.sqlalchemy_exception is not None:
                mark_error_retryable(context.sqlalchemy_exception)


def _count_changes(engine: Engine) -> None:
    """Count, per database connection, what may have changed what it sees: each statement
    that writes, and each rollback of a transaction that wrote. `state_token` names the count.
    """

    sqlite = engine.dialect.name == "sqlite"

    @event.listens_for(engine, "after_cursor_execute")
    def _after_execute(conn, _cursor, statement, _parameters, context, _executemany):
        if context is not None and context.execution_options.get(UNSTATED):
            return
        start = statement.lstrip()[:9].upper()
        if start.startswith("SAVEPOINT"):
            # A savepoint rolled back undoes only what was written since it began.
            name = statement.split()[1]
            conn.info.setdefault(_SAVEPOINTS, {})[name] = conn.info.get(_CHANGES, 0)
        elif not start.startswith(_READS):
            info = conn.info
            info[_CHANGES] = info.get(_CHANGES, 0) + 1
            info[_WROTE] = True

    def undone(info) -> None:
        # A read-only transaction ends in a rollback too (zope.sqlalchemy's way): it undoes
        # nothing, and counting it would make every page's state new.
        if info.pop(_WROTE, False):
            info[_CHANGES] = info.get(_CHANGES, 0) + 1

    @event.listens_for(engine, "commit")
    def _commit(conn):
        if conn.info.pop(_WROTE, False) and sqlite:
            # SQLite's own counters are each connection's (`data_version`) and so cannot
            # name one state for every connection of every process: the header's
            # user_version, free for the application's use, counts the commits that wrote,
            # in their own transaction (a reader sees the count and the rows of one moment).
            version = conn.exec_driver_sql("PRAGMA user_version").scalar()
            conn.exec_driver_sql(f"PRAGMA user_version = {(version + 1) % 2**31}")

    @event.listens_for(engine, "rollback")
    def _rollback(conn):
        undone(conn.info)

    @event.listens_for(engine, "rollback_savepoint")
    def _rollback_savepoint(conn, name, _context):
        info = conn.info
        if info.get(_SAVEPOINTS, {}).pop(name, None) != info.get(_CHANGES, 0):
            info[_CHANGES] = info.get(_CHANGES, 0) + 1

    @event.listens_for(engine, "release_savepoint")
    def _release_savepoint(conn, name, _context):
        conn.info.get(_SAVEPOINTS, {}).pop(name, None)

    @event.listens_for(engine, "reset")
    def _reset(_dbapi_connection, record, _state):
        undone(record.info)


def state_token(session: Session) -> str | None:
    """A name for all the data `session` sees, to be read before anything else in its
    transaction: whenever the name is the same again later, so is every row, whichever
    connection of whichever process reads it (so a process keeps one copy of a page, not
    one per pooled connection). None where the database cannot tell (a dialect other than
    SQLite's and PostgreSQL's), or where the session's transaction has already begun, since
    what it read before is not named.

    The name is the database's count of commits that wrote: on SQLite the header's
    user_version, which every writing commit through `make_engine` raises (`_count_changes`);
    on PostgreSQL the snapshot, which changes when any transaction that wrote begins or ends.
    Reading it begins SQLite's read transaction, so the count and the rows are of one moment;
    on PostgreSQL each later statement sees at least as much, and a commit in between makes
    every later name differ. A connection held inside a transaction that wrote and has not
    ended (the tests' outer transaction) sees rows nobody else does: its name adds the
    connection and its own count of changes and rollbacks.
    """
    if session.in_transaction():
        return None
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        state = connection.exec_driver_sql("PRAGMA user_version").scalar()
    elif dialect == "postgresql":
        state = connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar()
    else:
        return None
    info = connection.info
    if not info.get(_WROTE):
        return str(state)
    if _IDENTITY not in info:
        info[_IDENTITY] = secrets.token_hex(8)
    return f"{info[_IDENTITY]}:{info.get(_CHANGES, 0)}:{state}"


def create_database(url: str) -> bool:
    """Create the database `url` names where it does not exist yet; whether it did. On
    PostgreSQL through the server's `postgres` database, as its owner names it in `url`;
    a SQLite file (and its folder) is made on first connection."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            database = engine.url.database
            existed = not database or database == ":memory:" or Path(database).exists()
            with engine.connect():
                return not existed
        name = engine.url.database
        server = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as connection:
                found = connection.exec_driver_sql(
                    "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": name}
                ).scalar()
                if found:
                    return False
                quoted = engine.dialect.identifier_preparer.quote(name)
                connection.exec_driver_sql(f"CREATE DATABASE {quoted}")
                return True
        finally:
            server.dispose()
    finally:
        engine.dispose()


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def includeme(config) -> None:
    settings = config.get_settings()
    # An explicit transaction manager per request: nothing leaks between threads.
    settings.setdefault("tm.manager_hook", "pyramid_tm.explicit_manager")
    # The transaction is not labelled with its user: that would load the user on every
    # request, pages served from the page cache too; the audit log names who changed what.
    settings.setdefault("tm.annotate_user", "false")
    config.include("pyramid_tm")
    config.include("pyramid_retry")

    engine = make_engine(settings["sqlalchemy.url"])
    config.registry["norec.db_engine"] = engine
    # The same engine and pool, whose transactions say they serve a page being read.
    config.registry["norec.db_reading_engine"] = engine.execution_options(**{READING: True})
    # What request sessions bind to; the test fixtures swap in a connection held in an
    # outer transaction, and "create_savepoint" makes each request's commit a savepoint.
    config.registry["norec.db_bind"] = engine
    config.registry["norec.dbsession_factory"] = sessionmaker(
        join_transaction_mode="create_savepoint"
    )
    config.add_request_method(_dbsession, "dbsession", reify=True)


def new_session(registry, reading: bool = False) -> Session:
    """A session outside any request (workers, jobs), bound as request sessions are;
    `reading`: one that mostly reads (a GET), which SQLite begins without a lock."""
    bind = registry["norec.db_bind"]
    if reading and bind is registry["norec.db_engine"]:
        bind = registry["norec.db_reading_engine"]
    session = registry["norec.dbsession_factory"](bind=bind)
    # What follows every session's flushes (the search index, norec_core.search) is
    # registered by its own package, which builds on this module: no import back.
    for follow in registry.get("norec.session_followers", ()):
        follow(session)
    return session


def _dbsession(request) -> Session:
    session = new_session(request.registry, reading=request.method in ("GET", "HEAD"))
    zope.sqlalchemy.register(session, transaction_manager=request.tm)
    # Who the audit log names as the author of what this request changes.
    session.info["actor"] = lambda: _actor(request)
    return session


def _actor(request) -> tuple[int | None, str]:
    user = request.identity
    return (user.id, user.email) if user is not None else (None, "anonymous")
