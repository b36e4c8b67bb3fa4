"""What crosses the machine's edge: sync settings and status, the team's keys, quarantine,
importing slates and exporting packets."""
