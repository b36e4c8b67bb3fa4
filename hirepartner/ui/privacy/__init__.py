"""Privacy screens: subject access export, erasure, consent to keep, retention, the audit log."""
