"""A realistic, deterministic hiring world for demos, screenshots and benchmarks."""
