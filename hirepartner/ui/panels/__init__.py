"""Panels of the main window: each shows one thing and refreshes itself."""
