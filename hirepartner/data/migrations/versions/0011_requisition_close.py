"""A requisition's close date and note: filled or cancelled on a day, from which retention
counts for the applications still open on it. A requisition already marked filled or cancelled
(nothing in the app could do that before) is taken as closed on the day of the upgrade.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CLOSED = ("filled", "cancelled")


def upgrade() -> None:
    with op.batch_alter_table("requisition") as batch:
        batch.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("close_note", sa.Text(), server_default="", nullable=False))
    requisitions = sa.table(
        "requisition", sa.column("status", sa.String), sa.column("closed_on", sa.Date)
    )
    op.get_bind().execute(
        requisitions.update()
        .where(requisitions.c.status.in_(CLOSED))
        .values(closed_on=sa.func.current_date())
    )
    with op.batch_alter_table("requisition") as batch:
        batch.create_check_constraint(
            "closed_on", "(status IN ('filled', 'cancelled')) = (closed_on IS NOT NULL)"
        )


def downgrade() -> None:
    with op.batch_alter_table("requisition") as batch:
        batch.drop_constraint(op.f("ck_requisition_closed_on"), type_="check")
        batch.drop_column("close_note")
        batch.drop_column("closed_on")
