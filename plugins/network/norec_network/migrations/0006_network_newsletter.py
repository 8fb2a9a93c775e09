"""network: the monthly newsletter's issues and to whom each went

Revision ID: 0006_network_newsletter
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_network_newsletter"
down_revision = "0005_network_chapters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_newsletter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_network_newsletter_created_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_newsletter")),
    )
    op.create_table(
        "network_newsletter_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("newsletter_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["newsletter_id"],
            ["network_newsletter.id"],
            name=op.f("fk_network_newsletter_delivery_newsletter_id_network_newsletter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_network_newsletter_delivery_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_newsletter_delivery")),
        sa.UniqueConstraint(
            "newsletter_id", "person_id", name=op.f("uq_network_newsletter_delivery_newsletter_id")
        ),
    )
    op.create_index(
        op.f("ix_network_newsletter_delivery_newsletter_id"),
        "network_newsletter_delivery",
        ["newsletter_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_network_newsletter_delivery_person_id"),
        "network_newsletter_delivery",
        ["person_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_network_newsletter_delivery_person_id"), table_name="network_newsletter_delivery"
    )
    op.drop_index(
        op.f("ix_network_newsletter_delivery_newsletter_id"),
        table_name="network_newsletter_delivery",
    )
    op.drop_table("network_newsletter_delivery")
    op.drop_table("network_newsletter")
