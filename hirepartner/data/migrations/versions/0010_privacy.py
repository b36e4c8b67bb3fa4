"""Privacy: the audit log becomes a hash chain (existing events are chained in id order),
candidates get a consent-to-keep date and an anonymised mark, requisitions a retention
override.

Revision ID: 0010
Revises: 0009
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from hirepartner.data.audit_chain import GENESIS, event_hash

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _detail(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("actor_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("detail", sa.JSON),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    prev = GENESIS
    rows = bind.execute(
        sa.select(
            events.c.id,
            events.c.at,
            events.c.actor_id,
            events.c.action,
            events.c.entity,
            events.c.entity_id,
            events.c.detail,
        ).order_by(events.c.id)
    ).all()
    for row in rows:
        own = event_hash(
            prev, row.at, row.actor_id, row.action, row.entity, row.entity_id, _detail(row.detail)
        )
        bind.execute(events.update().where(events.c.id == row.id).values(prev_hash=prev, hash=own))
        prev = own
    with op.batch_alter_table("audit_event") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table("candidate") as batch:
        batch.add_column(sa.Column("keep_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("requisition") as batch:
        batch.add_column(sa.Column("retention_months", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requisition") as batch:
        batch.drop_column("retention_months")
    with op.batch_alter_table("candidate") as batch:
        batch.drop_column("anonymised_at")
        batch.drop_column("keep_until")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
