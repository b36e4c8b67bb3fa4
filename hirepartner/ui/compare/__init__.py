"""Comparing candidates: side by side, the debrief, and the panel's calibration."""
