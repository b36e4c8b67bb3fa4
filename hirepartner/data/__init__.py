"""Storage: SQLAlchemy models, the engine, migrations, the unit of work and backups."""
