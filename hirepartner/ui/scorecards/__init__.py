"""Scorecards: the form an interviewer fills in, the read-only viewer, and my interviews."""
