"""Kiosk mode for the airport touch screens.

The ``hanoi-kiosk`` plugin (:mod:`hanoi_info.plugins.kiosk`) turns the pages
marked ``kiosk: true`` into ``site/kiosk/``: a one-page touch app (shell,
per-language topic lists, per-page HTML fragments, QR codes as SVG files) that
a service worker precaches so it keeps working without a network. QR codes
are drawn by :mod:`hanoi_info.qr` (error correction level M).

    strings    the kiosk's UI strings (N_ markers, translated per language)
    links      rewriting a page's HTML for the kiosk (links, images)
    build      what the kiosk contains and the files it is made of
    manifest   the build manifest the launcher checks
    launcher   ``hanoi-info kiosk``: local server + Chromium in kiosk mode
"""
