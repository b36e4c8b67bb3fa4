"""HirePartner: the hiring manager's side of the recruiter partnership."""

__version__ = "0.1.0"
APP_NAME = "HirePartner"
