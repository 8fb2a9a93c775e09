"""network: country chapters' discussions, and who follows which chapter

Revision ID: 0005_network_chapters
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_network_chapters"
down_revision = "0004_network_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_chapter_follow",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["network_member.id"],
            name=op.f("fk_network_chapter_follow_member_id_network_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_chapter_follow")),
        sa.UniqueConstraint(
            "member_id", "country", name=op.f("uq_network_chapter_follow_member_id")
        ),
    )
    op.create_index(
        op.f("ix_network_chapter_follow_member_id"),
        "network_chapter_follow",
        ["member_id"],
        unique=False,
    )
    op.create_table(
        "network_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_reply_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_at", sa.DateTime(), nullable=True),
        sa.Column("hidden_reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["network_member.id"],
            name=op.f("fk_network_post_author_id_network_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["network_post.id"],
            name=op.f("fk_network_post_parent_id_network_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_post")),
    )
    op.create_index(op.f("ix_network_post_author_id"), "network_post", ["author_id"], unique=False)
    op.create_index(op.f("ix_network_post_country"), "network_post", ["country"], unique=False)
    op.create_index(
        op.f("ix_network_post_created_at"), "network_post", ["created_at"], unique=False
    )
    op.create_index(op.f("ix_network_post_parent_id"), "network_post", ["parent_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_network_post_parent_id"), table_name="network_post")
    op.drop_index(op.f("ix_network_post_created_at"), table_name="network_post")
    op.drop_index(op.f("ix_network_post_country"), table_name="network_post")
    op.drop_index(op.f("ix_network_post_author_id"), table_name="network_post")
    op.drop_table("network_post")
    op.drop_index(op.f("ix_network_chapter_follow_member_id"), table_name="network_chapter_follow")
    op.drop_table("network_chapter_follow")
