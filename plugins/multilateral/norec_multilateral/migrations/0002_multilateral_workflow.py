"""multilateral: the application's workflow owner, internal notes and panel scores

Revision ID: 0002_multilateral_workflow
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_multilateral_workflow"
down_revision = "0001_multilateral"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "multilateral_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidacy_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=320), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidacy_id"],
            ["multilateral_application.id"],
            name=op.f("fk_multilateral_note_candidacy_id_multilateral_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_note")),
    )
    op.create_index(
        op.f("ix_multilateral_note_candidacy_id"),
        "multilateral_note",
        ["candidacy_id"],
        unique=False,
    )
    op.create_table(
        "multilateral_panel_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidacy_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("panellist", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidacy_id"],
            ["multilateral_application.id"],
            name=op.f("fk_multilateral_panel_score_candidacy_id_multilateral_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_panel_score")),
    )
    op.create_index(
        op.f("ix_multilateral_panel_score_candidacy_id"),
        "multilateral_panel_score",
        ["candidacy_id"],
        unique=False,
    )
    with op.batch_alter_table("multilateral_application") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_index(
            op.f("ix_multilateral_application_person_id"), ["person_id"], unique=False
        )
        batch.create_foreign_key(
            op.f("fk_multilateral_application_person_id_person"),
            "person",
            ["person_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute(
        "UPDATE multilateral_application SET person_id = (SELECT person_id FROM "
        "multilateral_candidate WHERE multilateral_candidate.id = "
        "multilateral_application.candidate_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("multilateral_application") as batch:
        batch.drop_constraint(
            op.f("fk_multilateral_application_person_id_person"), type_="foreignkey"
        )
        batch.drop_index(op.f("ix_multilateral_application_person_id"))
        batch.drop_column("person_id")
    op.drop_index(
        op.f("ix_multilateral_panel_score_candidacy_id"), table_name="multilateral_panel_score"
    )
    op.drop_table("multilateral_panel_score")
    op.drop_index(op.f("ix_multilateral_note_candidacy_id"), table_name="multilateral_note")
    op.drop_table("multilateral_note")
