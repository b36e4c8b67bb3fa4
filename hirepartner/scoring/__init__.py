"""Scoring statistics: pure Python, no Qt, no SQL; checked against published references."""
