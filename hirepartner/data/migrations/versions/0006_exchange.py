"""The exchange: targets, the outbox with deliveries per target, the inbox, record versions.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "install_setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_install_setting")),
    )
    op.create_table(
        "exchange_target",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('folder', 'webdav', 'smtp', 'webhook')", name=op.f("ck_exchange_target_kind")
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_exchange_target")),
    )
    op.create_table(
        "outbox_envelope",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=400), nullable=False),
        sa.Column("record_version", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('slate', 'scorecard', 'packet', 'decision', 'erasure')",
            name=op.f("ck_outbox_envelope_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_envelope")),
        sa.UniqueConstraint("uuid", name=op.f("uq_outbox_envelope_uuid")),
    )
    op.create_table(
        "outbox_attachment",
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["envelope_id"],
            ["outbox_envelope.id"],
            ondelete="CASCADE",
            name=op.f("fk_outbox_attachment_envelope_id_outbox_envelope"),
        ),
        sa.PrimaryKeyConstraint("envelope_id", "name", name=op.f("pk_outbox_attachment")),
    )
    op.create_table(
        "outbox_delivery",
        sa.Column("envelope_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'sent', 'failed')", name=op.f("ck_outbox_delivery_state")
        ),
        sa.ForeignKeyConstraint(
            ["envelope_id"],
            ["outbox_envelope.id"],
            ondelete="CASCADE",
            name=op.f("fk_outbox_delivery_envelope_id_outbox_envelope"),
        ),
        sa.ForeignKeyConstraint(
            ["target"],
            ["exchange_target.name"],
            ondelete="CASCADE",
            name=op.f("fk_outbox_delivery_target_exchange_target"),
        ),
        sa.PrimaryKeyConstraint("envelope_id", "target", name=op.f("pk_outbox_delivery")),
    )
    op.create_index("ix_outbox_delivery_due", "outbox_delivery", ["state", "next_attempt_at"])
    op.create_table(
        "inbox_envelope",
        sa.Column("uuid", sa.String(length=80), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=400), nullable=False),
        sa.Column("record_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('applied', 'skipped', 'quarantined')", name=op.f("ck_inbox_envelope_state")
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_inbox_envelope")),
    )
    op.create_table(
        "exchange_record",
        sa.Column("record_id", sa.String(length=400), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("envelope_uuid", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_exchange_record")),
    )


def downgrade() -> None:
    op.drop_table("exchange_record")
    op.drop_table("inbox_envelope")
    op.drop_index("ix_outbox_delivery_due", table_name="outbox_delivery")
    op.drop_table("outbox_delivery")
    op.drop_table("outbox_attachment")
    op.drop_table("outbox_envelope")
    op.drop_table("exchange_target")
    op.drop_table("install_setting")
