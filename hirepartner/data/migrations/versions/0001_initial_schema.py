"""Initial schema: requisitions, plans, candidates, applications, scorecards, audit.

Revision ID: 0001
Revises: none
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("current_title", sa.String(length=200), nullable=False),
        sa.Column("current_company", sa.String(length=200), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
    )
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_email"), ["email"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "role IN ('hiring_manager', 'interviewer', 'recruiter')", name=op.f("ck_person_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("email", name=op.f("uq_person_email")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_audit_event_actor_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)

    op.create_table(
        "candidate_tag",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_tag_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", "tag", name=op.f("pk_candidate_tag")),
    )
    op.create_table(
        "requisition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("hiring_manager_id", sa.Integer(), nullable=True),
        sa.Column("recruiter_id", sa.Integer(), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("target_hire_date", sa.Date(), nullable=True),
        sa.Column("feedback_sla_hours", sa.Integer(), nullable=False),
        sa.Column("scoring_visibility", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "scoring_visibility IN ('after_submit', 'always', 'never')",
            name=op.f("ck_requisition_visibility"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'on_hold', 'filled', 'cancelled')",
            name=op.f("ck_requisition_status"),
        ),
        sa.CheckConstraint("feedback_sla_hours > 0", name=op.f("ck_requisition_sla")),
        sa.CheckConstraint("headcount >= 1", name=op.f("ck_requisition_headcount")),
        sa.ForeignKeyConstraint(
            ["hiring_manager_id"],
            ["person.id"],
            name=op.f("fk_requisition_hiring_manager_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["recruiter_id"], ["person.id"], name=op.f("fk_requisition_recruiter_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requisition")),
        sa.UniqueConstraint("code", name=op.f("uq_requisition_code")),
    )
    op.create_table(
        "resume",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_resume_sha256")),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_resume_size")),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_resume_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume")),
    )
    with op.batch_alter_table("resume", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resume_candidate_id"), ["candidate_id"], unique=False)

    op.create_table(
        "competency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("weight > 0", name=op.f("ck_competency_weight")),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            name=op.f("fk_competency_requisition_id_requisition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency")),
        sa.UniqueConstraint(
            "requisition_id", "name", name=op.f("uq_competency_requisition_id_name")
        ),
    )
    op.create_table(
        "interview_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            name=op.f("fk_interview_stage_requisition_id_requisition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_stage")),
        sa.UniqueConstraint(
            "requisition_id", "name", name=op.f("uq_interview_stage_requisition_id_name")
        ),
        sa.UniqueConstraint(
            "requisition_id", "position", name=op.f("uq_interview_stage_requisition_id_position")
        ),
    )
    op.create_table(
        "role_brief_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("must_haves", sa.JSON(), nullable=False),
        sa.Column("nice_to_haves", sa.JSON(), nullable=False),
        sa.Column("deal_breakers", sa.JSON(), nullable=False),
        sa.Column("ideal_profile", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("agreed_by_manager_at", sa.DateTime(), nullable=True),
        sa.Column("agreed_by_recruiter_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("version >= 1", name=op.f("ck_role_brief_version_version")),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_role_brief_version_author_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            name=op.f("fk_role_brief_version_requisition_id_requisition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_brief_version")),
        sa.UniqueConstraint(
            "requisition_id", "version", name=op.f("uq_role_brief_version_requisition_id_version")
        ),
    )
    op.create_table(
        "slate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("recruiter_id", sa.Integer(), nullable=True),
        sa.Column("presented_at", sa.DateTime(), nullable=False),
        sa.Column("feedback_rating", sa.Integer(), nullable=True),
        sa.Column("feedback_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "feedback_rating IS NULL OR feedback_rating BETWEEN 1 AND 5", name=op.f("ck_slate_fit")
        ),
        sa.ForeignKeyConstraint(
            ["recruiter_id"], ["person.id"], name=op.f("fk_slate_recruiter_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            name=op.f("fk_slate_requisition_id_requisition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slate")),
    )
    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("requisition_id", sa.Integer(), nullable=False),
        sa.Column("slate_id", sa.Integer(), nullable=True),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("pitch", sa.Text(), nullable=False),
        sa.Column("rejection_reason", sa.String(length=30), nullable=True),
        sa.Column("rejection_note", sa.Text(), nullable=False),
        sa.Column("entered_stage_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'rejected') = (rejection_reason IS NOT NULL)",
            name=op.f("ck_application_rejected_has_reason"),
        ),
        sa.CheckConstraint(
            "rejection_reason IS NULL OR rejection_reason IN ('missing_must_have', 'deal_breaker', 'level_mismatch', 'compensation', 'location', 'other')",
            name=op.f("ck_application_rejection_reason"),
        ),
        sa.CheckConstraint(
            "status IN ('active', 'on_hold', 'rejected', 'withdrawn', 'offer', 'hired')",
            name=op.f("ck_application_status"),
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_application_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requisition_id"],
            ["requisition.id"],
            name=op.f("fk_application_requisition_id_requisition"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slate_id"],
            ["slate.id"],
            name=op.f("fk_application_slate_id_slate"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_application_stage_id_interview_stage"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint(
            "candidate_id",
            "requisition_id",
            name=op.f("uq_application_candidate_id_requisition_id"),
        ),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(
            "ix_application_requisition_stage", ["requisition_id", "stage_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_application_slate_id"), ["slate_id"], unique=False)

    op.create_table(
        "competency_anchor",
        sa.Column("competency_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 4", name=op.f("ck_competency_anchor_level")),
        sa.ForeignKeyConstraint(
            ["competency_id"],
            ["competency.id"],
            name=op.f("fk_competency_anchor_competency_id_competency"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("competency_id", "level", name=op.f("pk_competency_anchor")),
    )
    op.create_table(
        "stage_focus_competency",
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("competency_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competency_id"],
            ["competency.id"],
            name=op.f("fk_stage_focus_competency_competency_id_competency"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_stage_focus_competency_stage_id_interview_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "stage_id", "competency_id", name=op.f("pk_stage_focus_competency")
        ),
    )
    op.create_table(
        "stage_interviewer",
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_stage_interviewer_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_stage_interviewer_stage_id_interview_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stage_id", "person_id", name=op.f("pk_stage_interviewer")),
    )
    op.create_table(
        "stage_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("competency_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["competency_id"],
            ["competency.id"],
            name=op.f("fk_stage_question_competency_id_competency"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_stage_question_stage_id_interview_stage"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_question")),
    )
    op.create_table(
        "application_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("from_stage_id", sa.Integer(), nullable=True),
        sa.Column("to_stage_id", sa.Integer(), nullable=True),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('created', 'stage', 'status')", name=op.f("ck_application_event_kind")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_application_event_actor_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_event_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["from_stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_application_event_from_stage_id_interview_stage"),
        ),
        sa.ForeignKeyConstraint(
            ["to_stage_id"],
            ["interview_stage.id"],
            name=op.f("fk_application_event_to_stage_id_interview_stage"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_event")),
    )
    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_event_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "application_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_note_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_application_note_author_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_note")),
    )
    with op.batch_alter_table("application_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_note_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "scorecard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("recommendation", sa.String(length=20), nullable=True),
        sa.Column("key_takeaways", sa.Text(), nullable=False),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("interview_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "recommendation IS NULL OR recommendation IN ('strong_no', 'no', 'yes', 'strong_yes', 'no_decision')",
            name=op.f("ck_scorecard_recommendation"),
        ),
        sa.CheckConstraint(
            "status = 'draft' OR (submitted_at IS NOT NULL AND recommendation IS NOT NULL)",
            name=op.f("ck_scorecard_submitted_complete"),
        ),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name=op.f("ck_scorecard_status")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_scorecard_version")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_scorecard_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interviewer_id"], ["person.id"], name=op.f("fk_scorecard_interviewer_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"], ["interview_stage.id"], name=op.f("fk_scorecard_stage_id_interview_stage")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard")),
        sa.UniqueConstraint(
            "application_id",
            "stage_id",
            "interviewer_id",
            name=op.f("uq_scorecard_application_id_stage_id_interviewer_id"),
        ),
    )
    with op.batch_alter_table("scorecard", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scorecard_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_scorecard_interviewer_id"), ["interviewer_id"], unique=False
        )

    op.create_table(
        "rating",
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("competency_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.CheckConstraint("level IS NULL OR level BETWEEN 1 AND 4", name=op.f("ck_rating_level")),
        sa.ForeignKeyConstraint(
            ["competency_id"], ["competency.id"], name=op.f("fk_rating_competency_id_competency")
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecard.id"],
            name=op.f("fk_rating_scorecard_id_scorecard"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scorecard_id", "competency_id", name=op.f("pk_rating")),
    )
    op.create_table(
        "scorecard_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scorecard_id"],
            ["scorecard.id"],
            name=op.f("fk_scorecard_version_scorecard_id_scorecard"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_version")),
        sa.UniqueConstraint(
            "scorecard_id", "version", name=op.f("uq_scorecard_version_scorecard_id_version")
        ),
    )


def downgrade() -> None:

    op.drop_table("scorecard_version")
    op.drop_table("rating")
    with op.batch_alter_table("scorecard", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scorecard_interviewer_id"))
        batch_op.drop_index(batch_op.f("ix_scorecard_application_id"))

    op.drop_table("scorecard")
    with op.batch_alter_table("application_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_note_application_id"))

    op.drop_table("application_note")
    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_event_application_id"))

    op.drop_table("application_event")
    op.drop_table("stage_question")
    op.drop_table("stage_interviewer")
    op.drop_table("stage_focus_competency")
    op.drop_table("competency_anchor")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_slate_id"))
        batch_op.drop_index("ix_application_requisition_stage")

    op.drop_table("application")
    op.drop_table("slate")
    op.drop_table("role_brief_version")
    op.drop_table("interview_stage")
    op.drop_table("competency")
    with op.batch_alter_table("resume", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resume_candidate_id"))

    op.drop_table("resume")
    op.drop_table("requisition")
    op.drop_table("candidate_tag")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    op.drop_table("person")
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_email"))

    op.drop_table("candidate")
