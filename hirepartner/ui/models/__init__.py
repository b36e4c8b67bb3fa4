"""Item models for the views: real Qt models, each checked by qtmodeltester."""
