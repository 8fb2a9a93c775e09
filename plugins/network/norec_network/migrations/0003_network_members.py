"""network: members, their directory, mentoring and relayed messages

Revision ID: 0003_network_members
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_network_members"
down_revision = "0002_network_waves"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("availability", sa.String(length=300), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("mentor_capacity", sa.Integer(), nullable=False),
        sa.Column("visibility", sa.JSON(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_network_member_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_member")),
        sa.UniqueConstraint("person_id", name=op.f("uq_network_member_person_id")),
    )
    op.create_table(
        "network_relayed_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["person.id"],
            name=op.f("fk_network_relayed_message_recipient_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"],
            ["person.id"],
            name=op.f("fk_network_relayed_message_sender_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_relayed_message")),
    )
    op.create_index(
        op.f("ix_network_relayed_message_recipient_id"),
        "network_relayed_message",
        ["recipient_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_network_relayed_message_sender_id"),
        "network_relayed_message",
        ["sender_id"],
        unique=False,
    )
    op.create_table(
        "network_directory_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["network_member.id"],
            name=op.f("fk_network_directory_entry_member_id_network_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_directory_entry")),
    )
    op.create_index(
        op.f("ix_network_directory_entry_member_id"),
        "network_directory_entry",
        ["member_id"],
        unique=False,
    )
    op.create_index(
        "ix_network_directory_lookup",
        "network_directory_entry",
        ["field", "value", "level"],
        unique=False,
    )
    op.create_table(
        "network_mentoring",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["network_member.id"],
            name=op.f("fk_network_mentoring_mentee_id_network_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["network_member.id"],
            name=op.f("fk_network_mentoring_mentor_id_network_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_mentoring")),
    )
    op.create_index(
        op.f("ix_network_mentoring_mentee_id"), "network_mentoring", ["mentee_id"], unique=False
    )
    op.create_index(
        op.f("ix_network_mentoring_mentor_id"), "network_mentoring", ["mentor_id"], unique=False
    )
    op.create_index(
        op.f("ix_network_mentoring_status"), "network_mentoring", ["status"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_network_mentoring_status"), table_name="network_mentoring")
    op.drop_index(op.f("ix_network_mentoring_mentor_id"), table_name="network_mentoring")
    op.drop_index(op.f("ix_network_mentoring_mentee_id"), table_name="network_mentoring")
    op.drop_table("network_mentoring")
    op.drop_index("ix_network_directory_lookup", table_name="network_directory_entry")
    op.drop_index(
        op.f("ix_network_directory_entry_member_id"), table_name="network_directory_entry"
    )
    op.drop_table("network_directory_entry")
    op.drop_index(
        op.f("ix_network_relayed_message_sender_id"), table_name="network_relayed_message"
    )
    op.drop_index(
        op.f("ix_network_relayed_message_recipient_id"), table_name="network_relayed_message"
    )
    op.drop_table("network_relayed_message")
    op.drop_table("network_member")
