"""login sessions kept on the server; API tokens that expire; registration attempts

Revision ID: 0004_sessions
Revises: 0003_person_fields
"""

import datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_sessions"
down_revision = "0003_person_fields"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_login_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_session")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_login_session_key_hash")),
    )
    op.create_index(op.f("ix_login_session_user_id"), "login_session", ["user_id"])
    op.create_table(
        "registration_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_attempt")),
    )
    op.create_index(op.f("ix_registration_attempt_address"), "registration_attempt", ["address"])
    op.create_index(op.f("ix_registration_attempt_at"), "registration_attempt", ["at"])
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    # Tokens made before tokens expired get the default lifetime from today.
    in_90_days = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(
        days=90
    )
    op.execute(sa.text("UPDATE api_token SET expires_at = :at").bindparams(at=in_90_days))
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("expires_at", nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("expires_at")
    op.drop_index(op.f("ix_registration_attempt_at"), table_name="registration_attempt")
    op.drop_index(op.f("ix_registration_attempt_address"), table_name="registration_attempt")
    op.drop_table("registration_attempt")
    op.drop_index(op.f("ix_login_session_user_id"), table_name="login_session")
    op.drop_table("login_session")
