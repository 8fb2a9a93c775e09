"""notices: what each person was told and how each wants to be told; the language an
account chose, and the language of each mail

Revision ID: 0015_notices
Revises: 0014_person_sort_index
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_notices"
down_revision = "0014_person_sort_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("language", sa.String(5), nullable=True))
    with op.batch_alter_table("mail_outbox") as batch:
        batch.add_column(sa.Column("language", sa.String(5), nullable=True))
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(80), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("user_account.id", ondelete="CASCADE")),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE")),
        sa.Column("email", sa.String(320)),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("url", sa.String(2000)),
        sa.Column("delivery", sa.String(10), nullable=False),
        sa.Column("mailed_at", sa.DateTime()),
        sa.Column("message_id", sa.Integer(), sa.ForeignKey("mail_outbox.id", ondelete="SET NULL")),
        sa.Column("read_at", sa.DateTime()),
    )
    op.create_index("ix_notice_user", "notice", ["user_id", "id"])
    op.create_index("ix_notice_person", "notice", ["person_id", "id"])
    op.create_index("ix_notice_digest", "notice", ["delivery", "mailed_at"])
    op.create_table(
        "notice_preference",
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("user_account.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(80), primary_key=True),
        sa.Column("delivery", sa.String(10), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notice_preference")
    op.drop_index("ix_notice_digest", table_name="notice")
    op.drop_index("ix_notice_person", table_name="notice")
    op.drop_index("ix_notice_user", table_name="notice")
    op.drop_table("notice")
    with op.batch_alter_table("mail_outbox") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("language")
