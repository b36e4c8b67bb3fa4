"""Debrief decisions: advance, reject or hold, with rationale and who was present.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("present", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('advance', 'reject', 'hold')", name=op.f("ck_decision_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            ondelete="CASCADE",
            name=op.f("fk_decision_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_decision_author_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    op.create_index(op.f("ix_decision_application_id"), "decision", ["application_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_decision_application_id"), table_name="decision")
    op.drop_table("decision")
