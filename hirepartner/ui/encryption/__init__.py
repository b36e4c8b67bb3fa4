"""Encryption at rest in the app: the passphrase on start, and encrypting this database."""
