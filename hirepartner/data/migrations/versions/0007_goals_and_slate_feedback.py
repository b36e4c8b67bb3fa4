"""Goals per requisition; the hiring manager's "more of / less of" feedback on a slate.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("share", sa.Float(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=True),
        sa.Column("stage_id", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('feedback_sla', 'candidates_at_stage', 'hires')", name=op.f("ck_goal_kind")
        ),
        sa.CheckConstraint(
            "share IS NULL OR (share > 0 AND share <= 1)", name=op.f("ck_goal_share")
        ),
        sa.CheckConstraint("count IS NULL OR count > 0", name=op.f("ck_goal_count")),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            ondelete="CASCADE",
            name=op.f("fk_goal_requisition_id_requisition"),
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["interview_stage.id"],
            ondelete="CASCADE",
            name=op.f("fk_goal_stage_id_interview_stage"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    op.create_index(op.f("ix_goal_requisition_id"), "goal", ["requisition_id"])
    with op.batch_alter_table("slate") as batch:
        batch.add_column(sa.Column("more_of", sa.Text(), server_default="", nullable=False))
        batch.add_column(sa.Column("less_of", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("slate") as batch:
        batch.drop_column("less_of")
        batch.drop_column("more_of")
    op.drop_index(op.f("ix_goal_requisition_id"), table_name="goal")
    op.drop_table("goal")
