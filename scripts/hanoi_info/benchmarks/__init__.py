"""Benchmarks: scripts that time a capability against the naive way and print
the ratio side by side (``python -m hanoi_info.benchmarks.<name>``)."""
