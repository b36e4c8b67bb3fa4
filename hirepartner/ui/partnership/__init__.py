"""The partnership with the recruiter: the dashboard and its charts, goals, time to feedback."""
