"""Competency versions: a retired competency keeps old ratings' words; names unique in code.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The unique (requisition_id, name), whatever an older naming convention called it.
    inspector = sa.inspect(op.get_bind())
    names = [
        uq["name"]
        for uq in inspector.get_unique_constraints("competency")
        if sorted(uq["column_names"]) == ["name", "requisition_id"] and uq["name"]
    ]
    with op.batch_alter_table("competency") as batch:
        for name in names:
            batch.drop_constraint(name, type_="unique")
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_competency_replaces_id_competency", "competency", ["replaces_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("competency") as batch:
        batch.drop_constraint("fk_competency_replaces_id_competency", type_="foreignkey")
        batch.drop_column("replaces_id")
        batch.drop_column("retired_at")
        batch.create_unique_constraint(
            "uq_competency_requisition_id_name", ["requisition_id", "name"]
        )
