"""The kiosk's UI strings.

The English text is the msgid (extracted by ``hanoi-info catalogs`` through the
``N_`` markers); :func:`ui_strings` translates them with one language's
catalog. The shell embeds the strings of every language, because the attract
screen and the language picker speak all of them at once and the kiosk
switches language without loading a page.
"""

from __future__ import annotations

from typing import Callable

from hanoi_info.languages import Language
from hanoi_info.messages import N_

Gettext = Callable[[str], str]

# Placeholders the kiosk's script fills in at run time.
DATE_PLACEHOLDER = "{date}"

UI_MESSAGES: dict[str, str] = {
    "welcome": N_("Welcome to Hà Nội"),
    "slogan": N_("Hà Nội – Come to love"),
    "start": N_("Touch the screen to start"),
    "choose_language": N_("Choose your language"),
    "back": N_("Back"),
    "home": N_("Home"),
    "language": N_("Language"),
    "text_size": N_("Text size"),
    "topics_title": N_("What would you like to know?"),
    "in_vietnamese": N_("In Vietnamese"),
    "idle_title": N_("Are you still there?"),
    "idle_text": N_("The screen will go back to the start when the countdown reaches zero."),
    "continue": N_("Continue"),
    "qr_title": N_("Scan to open on your phone"),
    "qr_text": N_("This link leads outside the kiosk. Scan the code with your phone's camera to open it there."),
    "close": N_("Close"),
    "take_along_title": N_("Take this page with you"),
    "take_along_text": N_("Scan the code to read this page on your phone."),
    "sources": N_("Sources"),
    "not_translated_title": N_("Not yet translated"),
    "stale_title": N_("This translation may be out of date"),
    "loading_failed": N_("This page cannot be shown right now. Please go back and try another page."),
}


def ui_strings(gettext: Gettext, language: Language) -> dict[str, str]:
    """Every kiosk UI string in one language, with the notices' placeholders
    filled in (the language name) or left for the script (``{date}``)."""
    strings = {key: gettext(message) for key, message in UI_MESSAGES.items()}
    strings["not_translated_text"] = gettext(
        "This page has not been translated into %(language)s yet, so it is shown in Vietnamese."
    ) % {"language": language.name_in_sentence}
    strings["stale_text"] = gettext(
        "The Vietnamese original was updated on %(date)s; this translation may not include the changes yet."
    ) % {"date": DATE_PLACEHOLDER}
    strings["last_revised"] = gettext("Last revised: %(date)s") % {"date": DATE_PLACEHOLDER}
    return strings
