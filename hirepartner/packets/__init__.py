"""PDF feedback packets and their JSON summaries, built with reportlab (no Qt, no database)."""
