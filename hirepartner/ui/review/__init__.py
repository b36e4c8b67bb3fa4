"""Reviewing a slate: the requisition navigator, the slate table and candidate panel, the review
actions, and the hiring round's dialogs (offers, people)."""
