"""Benchmarks (not tests): each module has a ``main()`` that measures our way
against the plain way side by side in one run and prints the ratio."""
