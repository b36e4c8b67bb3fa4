"""A covering index for the slate table's scorecard figures (submitted, overdue, mine).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_scorecard_figures",
        "scorecard",
        ["application_id", "status", "interview_at", "interviewer_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_scorecard_figures", table_name="scorecard")
