"""Embeds, feeds and the content API: our content on other sites, always
current and in the reader's language, without copying it.

The ``hanoi-embeds`` plugin (:mod:`hanoi_info.plugins.embeds`) writes, for
every page in every language:

    embed/<lang>/<path>/              the page's text alone, for an iframe
    oembed/<lang>/<page id>.json      its oEmbed document
    api/v1/<lang>/pages/<id>.json     its rendered HTML and metadata

and per language ``api/v1/<lang>/index.json`` and the feeds under
``feeds/<lang>/``; ``api/v1/index.json`` lists the languages.

    paths     where every output lives (one place for every address)
    html      rebasing a page's links for a page at another address
    embed     the embed view, its snippets and the oEmbed document
    api       the content API documents (schema: hanoi_info/schemas/)
    feeds     RSS 2.0 and JSON Feed 1.1: updated pages, events
    ical      the iCalendar file of the year's events and anniversaries
"""
