"""mail in the outbox can carry files

Revision ID: 0011_mail_attachments
Revises: 0010_files
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_mail_attachments"
down_revision = "0010_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        batch.add_column(sa.Column("attachments", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        batch.drop_column("attachments")
