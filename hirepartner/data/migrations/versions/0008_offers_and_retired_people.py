"""Offers (extended, accepted with a start date, declined with a reason); retired people.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("extended_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("decline_reason", sa.String(length=30), nullable=True),
        sa.Column("decline_note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('extended', 'accepted', 'declined')", name=op.f("ck_offer_status")
        ),
        sa.CheckConstraint(
            "decline_reason IS NULL OR decline_reason IN ('compensation', 'counter_offer', 'other_offer', 'role', 'location', 'timing', 'other')",
            name=op.f("ck_offer_decline_reason"),
        ),
        sa.CheckConstraint(
            "(status = 'declined') = (decline_reason IS NOT NULL)", name=op.f("ck_offer_declined")
        ),
        sa.CheckConstraint(
            "(status = 'accepted') = (start_on IS NOT NULL)", name=op.f("ck_offer_accepted")
        ),
        sa.CheckConstraint(
            "expires_on IS NULL OR expires_on >= extended_on", name=op.f("ck_offer_expiry")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            ondelete="CASCADE",
            name=op.f("fk_offer_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_offer_author_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer")),
    )
    op.create_index(op.f("ix_offer_application_id"), "offer", ["application_id"])
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("retired_at")
    op.drop_index(op.f("ix_offer_application_id"), table_name="offer")
    op.drop_table("offer")
