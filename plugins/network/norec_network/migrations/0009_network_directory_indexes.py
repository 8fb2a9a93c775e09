"""network: the directory finds members through its indexes alone

A member's name level gets a column of its own (who may find them at all), which a search
reads without parsing the profile's JSON; the lookup index holds the member, by pattern on
PostgreSQL (a word's LIKE 'prefix%'), and a second index a member's facets without their
words, for counting the facets of the members found.

Revision ID: 0009_network_directory_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_network_directory_indexes"
down_revision = "0008_network_possible_matches"
branch_labels = None
depends_on = None

LEVELS = ("advisers", "members", "public")  # any other: "me", seen by the member alone
FACET_ROWS = "field <> 'word'"  # as the models say it


def upgrade() -> None:
    with op.batch_alter_table("network_member") as batch:
        batch.add_column(
            sa.Column("name_level", sa.String(length=10), nullable=False, server_default="me")
        )
    member = sa.table(
        "network_member",
        sa.column("visibility", sa.JSON),
        sa.column("name_level", sa.String),
    )
    chosen = member.c.visibility["name"].as_string()
    op.execute(member.update().where(chosen.in_(LEVELS)).values(name_level=chosen))
    op.drop_index("ix_network_directory_lookup", table_name="network_directory_entry")
    op.create_index(
        "ix_network_directory_lookup",
        "network_directory_entry",
        ["field", "value", "level", "member_id"],
        postgresql_ops={"value": "text_pattern_ops"},
    )
    op.create_index(
        "ix_network_directory_facets",
        "network_directory_entry",
        ["member_id", "field", "level", "value"],
        sqlite_where=sa.text(FACET_ROWS),
        postgresql_where=sa.text(FACET_ROWS),
    )


def downgrade() -> None:
    op.drop_index("ix_network_directory_facets", table_name="network_directory_entry")
    op.drop_index("ix_network_directory_lookup", table_name="network_directory_entry")
    op.create_index(
        "ix_network_directory_lookup", "network_directory_entry", ["field", "value", "level"]
    )
    with op.batch_alter_table("network_member") as batch:
        batch.drop_column("name_level")
