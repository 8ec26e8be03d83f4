"""Hà Nội external-information publishing system.

One package for everything the build does beyond stock MkDocs: the language
model, content schema, translation status, QR short links, handouts, kiosk,
embeds and feeds. MkDocs plugins in :mod:`hanoi_info.plugins` stay thin and
call the named functions of these modules.
"""

__version__ = "0.1.0"
