"""Alembic's environment: migrations run on the engine from the settings, or a given connection."""

from alembic import context

from norec_core.accounts import models as _accounts  # noqa: F401
from norec_core.audit import models as _audit  # noqa: F401
from norec_core.db import Base, make_engine

# Importing the models registers their tables with the metadata.
from norec_core.domain import models as _models  # noqa: F401
from norec_core.jsonapi import models as _api  # noqa: F401
from norec_core.mail import models as _mail  # noqa: F401
from norec_core.search.models import unmodelled
from norec_core.tasks import models as _tasks  # noqa: F401
from norec_core.workflow import models as _workflow  # noqa: F401

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters tables by copying them: batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=unmodelled,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()
