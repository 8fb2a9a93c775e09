"""grants: the participants of an exchange

Revision ID: 0003_grants_participants
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_grants_participants"
down_revision = "0002_grants_assessment"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grants_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("sending_id", sa.Integer(), nullable=False),
        sa.Column("receiving_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_participant_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_grants_participant_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["receiving_id"],
            ["organisation.id"],
            name=op.f("fk_grants_participant_receiving_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["sending_id"],
            ["organisation.id"],
            name=op.f("fk_grants_participant_sending_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_participant")),
        sa.UniqueConstraint(
            "application_id",
            "person_id",
            "starts_on",
            name=op.f("uq_grants_participant_application_id"),
        ),
    )
    op.create_index(
        op.f("ix_grants_participant_application_id"),
        "grants_participant",
        ["application_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_grants_participant_person_id"), "grants_participant", ["person_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_grants_participant_person_id"), table_name="grants_participant")
    op.drop_index(op.f("ix_grants_participant_application_id"), table_name="grants_participant")
    op.drop_table("grants_participant")
