"""Use cases: take ids and plain values, own the transaction, return frozen dataclasses."""
