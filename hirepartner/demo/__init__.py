"""A realistic, deterministic hiring world for demos, screenshots and benchmarks."""

# Larger worlds take many minutes and gigabytes to build, and no demo needs them.
MAX_CANDIDATES = 100_000
