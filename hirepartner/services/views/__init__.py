"""The read side: plain functions (uow, ...) -> frozen dataclass, called inside the caller's one
unit of work, so a screen or a packet is one snapshot with a fixed number of statements."""
