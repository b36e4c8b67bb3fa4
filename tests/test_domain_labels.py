"""Every enumeration a person reads has one label per member, in one place."""

import pytest

from hirepartner import domain
from hirepartner.domain import ApplicationStatus, Labelled, Recommendation, label_of

LABELLED = [
    value
    for value in vars(domain).values()
    if isinstance(value, type) and issubclass(value, Labelled) and value is not Labelled
]


def test_the_vocabulary_people_read_is_labelled():
    names = {enum.__name__ for enum in LABELLED}
    assert {
        "Role",
        "ApplicationStatus",
        "RejectionReason",
        "DeclineReason",
        "Recommendation",
        "ScoringVisibility",
        "RequisitionStatus",
    } <= names


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_every_member_reads_as_words_not_as_its_stored_value(enum):
    for member in enum:
        assert member.label, member
        assert "_" not in member.label, member
        assert member.label[0].isupper(), member


def test_a_stored_value_reads_as_its_label_and_an_unknown_one_as_stored():
    assert label_of(ApplicationStatus, "on_hold") == "On hold"
    assert label_of(Recommendation, "strong_yes") == "Strong yes"
    assert label_of(Recommendation, None, "not given") == "not given"
    assert label_of(Recommendation, "maybe_later") == "maybe_later"
