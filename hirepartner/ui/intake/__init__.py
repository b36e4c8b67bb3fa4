"""The intake: the role brief, the competencies with their anchors, the interview plan."""
