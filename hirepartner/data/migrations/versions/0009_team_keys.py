"""The team's signing keys (per-person Ed25519 public keys, the roster) and two envelope kinds
that carry them: a member's key announcement and the hiring manager's signed roster.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('slate', 'scorecard', 'packet', 'decision', 'erasure')"
NEW_KINDS = (
    "kind IN ('slate', 'scorecard', 'packet', 'decision', 'erasure', 'member_key', 'roster')"
)


def upgrade() -> None:
    op.create_table(
        "team_key",
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'active', 'revoked', 'replaced')", name=op.f("ck_team_key_state")
        ),
        sa.CheckConstraint(
            "source IN ('self', 'enrolled', 'roster')", name=op.f("ck_team_key_source")
        ),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_team_key")),
    )
    op.create_index("ix_team_key_email", "team_key", ["email"])
    with op.batch_alter_table("outbox_envelope") as batch:
        batch.drop_constraint(op.f("ck_outbox_envelope_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_envelope_kind"), NEW_KINDS)


def downgrade() -> None:
    with op.batch_alter_table("outbox_envelope") as batch:
        batch.drop_constraint(op.f("ck_outbox_envelope_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_outbox_envelope_kind"), OLD_KINDS)
    op.drop_index("ix_team_key_email", table_name="team_key")
    op.drop_table("team_key")
