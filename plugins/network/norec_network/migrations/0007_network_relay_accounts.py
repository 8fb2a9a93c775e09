"""network: a relayed message's sender is an account (an adviser may have no person)

Revision ID: 0007_network_relay_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_network_relay_accounts"
down_revision = "0006_network_newsletter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("network_relayed_message") as batch:
        batch.add_column(sa.Column("sender_user_id", sa.Integer(), nullable=True))
        batch.alter_column("sender_id", existing_type=sa.Integer(), nullable=True)
        batch.create_index(
            op.f("ix_network_relayed_message_sender_user_id"), ["sender_user_id"], unique=False
        )
        batch.create_foreign_key(
            op.f("fk_network_relayed_message_sender_user_id_user_account"),
            "user_account",
            ["sender_user_id"],
            ["id"],
            ondelete="CASCADE",
        )
    # Messages sent so far came from members, whose account holds their person.
    op.execute(
        "UPDATE network_relayed_message SET sender_user_id = (SELECT MIN(user_account.id) "
        "FROM user_account WHERE user_account.person_id = network_relayed_message.sender_id)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM network_relayed_message WHERE sender_id IS NULL")
    with op.batch_alter_table("network_relayed_message") as batch:
        batch.drop_constraint(
            op.f("fk_network_relayed_message_sender_user_id_user_account"), type_="foreignkey"
        )
        batch.drop_index(op.f("ix_network_relayed_message_sender_user_id"))
        batch.alter_column("sender_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("sender_user_id")
