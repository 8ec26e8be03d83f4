"""Marking UI strings that are defined in Python for extraction into the catalogs."""


def N_(message: str) -> str:
    """Mark ``message`` for ``pybabel extract -k N_``; it is translated where it is shown."""
    return message
