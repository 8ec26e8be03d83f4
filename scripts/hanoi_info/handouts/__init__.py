"""Print handouts for the airport information kiosks.

For every page with ``handout: true``, in every language it is written in: an
A5 PDF (``office``; ``print`` with bleed and crop marks for production) whose
QR code opens the same page, in the same language, through a permanent short
link ``/q/<code>/`` (drawn by :mod:`hanoi_info.qr`, error correction level Q). Modules:

* :mod:`~hanoi_info.handouts.plan` which handouts and short links exist, and where their files go;
* :mod:`~hanoi_info.handouts.registry` the committed registry of issued codes and where each leads;
* :mod:`~hanoi_info.handouts.document` a handout's HTML from its Markdown and the templates;
* :mod:`~hanoi_info.handouts.fonts` the fonts and libraries WeasyPrint needs, checked up front;
* :mod:`~hanoi_info.handouts.render` cached, parallel WeasyPrint rendering;
* :mod:`~hanoi_info.handouts.outputs` redirect pages, QR images, print packs, the index pages' data;
* :mod:`~hanoi_info.handouts.build` the two halves of the build step;
* :mod:`~hanoi_info.handouts.cli` ``hanoi-info qr issue`` and ``hanoi-info qr list``.
"""

import logging

# WeasyPrint reports every step at INFO level, even parsing its own stylesheet
# when it is imported; the build reports the totals instead.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
