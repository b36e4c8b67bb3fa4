"""The exchange with the recruiter and the panel: importers for what recruiters send, and
(later in this package) envelopes, the outbox and the transports that carry them."""
