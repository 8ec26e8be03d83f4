"""A page's HTML rewritten for the kiosk: what a touch on each link does, and
images copied into the kiosk (hanoi_info.kiosk.links)."""

from __future__ import annotations

import pytest

from hanoi_info.kiosk.links import (
    KioskContentError,
    LinkContext,
    qr_path,
    rewrite_html,
    strip_leading_h1,
)

SITE = "https://example.org/"
CONTEXT = LinkContext(site_url=SITE, kiosk_pages={"en/tourism/lake/": "tourism-lake", "tourism/lake/": "tourism-lake"})
PAGE = "en/arriving/airport/"


def rewrite(html: str):
    return rewrite_html(html, PAGE, CONTEXT)


def test_link_to_another_site_keeps_its_address_and_gets_a_qr_code():
    result = rewrite('<p>See <a href="https://noibaiairport.vn/" target="_blank">the airport</a>.</p>')
    assert result.html == (
        f'<p>See <a href="https://noibaiairport.vn/" data-qr="{qr_path("https://noibaiairport.vn/")}">the airport</a>.</p>'
    )
    assert result.qr_urls == ("https://noibaiairport.vn/",)


def test_link_to_a_kiosk_page_opens_it_in_the_kiosk_with_its_anchor():
    result = rewrite('<a href="../../tourism/lake/#the-lake">lake</a>')
    assert result.html == (
        '<a href="https://example.org/en/tourism/lake/#the-lake" data-page="tourism-lake" data-anchor="the-lake">lake</a>'
    )
    assert result.qr_urls == ()


def test_link_to_a_site_page_that_is_not_on_the_kiosk_becomes_a_qr_card_of_its_public_address():
    result = rewrite('<a href="../../culture/history/">history</a>')
    public = "https://example.org/en/culture/history/"
    assert result.html == f'<a href="{public}" data-qr="{qr_path(public)}">history</a>'
    assert result.qr_urls == (public,)


def test_same_page_anchor_and_plain_text_are_left_alone():
    html = '<h2 id="taxis">Taxis</h2><p><a href="#taxis">up</a> &amp; <b>bold</b> <br/></p>'
    assert rewrite(html).html == html


def test_mail_link_gets_a_qr_code_and_script_links_lose_their_address():
    result = rewrite('<a href="mailto:info@example.org">mail</a> <a href="javascript:alert(1)">x</a>')
    assert result.html == (
        f'<a href="mailto:info@example.org" data-qr="{qr_path("mailto:info@example.org")}">mail</a> <a>x</a>'
    )


def test_attribute_values_are_escaped_again():
    result = rewrite('<a href="https://example.com/?a=1&amp;b=&quot;2&quot;" title="A &amp; B">x</a>')
    assert result.html.startswith('<a href="https://example.com/?a=1&amp;b=&quot;2&quot;" title="A &amp; B" data-qr="qr/')
    assert result.qr_urls == ('https://example.com/?a=1&b="2"',)


def test_images_are_copied_into_the_kiosk():
    result = rewrite_html('<p><img alt="Map" src="../lake-map.svg" /></p>', "tourism/lake/", CONTEXT)
    assert result.html == '<p><img alt="Map" src="media/tourism/lake-map.svg" /></p>'
    assert result.media == ("tourism/lake-map.svg",)


def test_image_from_another_site_is_an_error_naming_the_file():
    with pytest.raises(KioskContentError, match=r"docs/tourism/lake.md: <img src=\"https://cdn.example.com/x.png\"> loads a file from another site"):
        rewrite_html('<img src="https://cdn.example.com/x.png">', "tourism/lake/", CONTEXT, where="docs/tourism/lake.md")


def test_rewriting_keeps_positions_across_lines_and_multibyte_text():
    html = 'Hồ Gươm\n<p>Đền <a href="https://a.example/">A</a>\nvà <a href="https://b.example/">B</a></p>'
    result = rewrite(html)
    assert result.html == (
        f'Hồ Gươm\n<p>Đền <a href="https://a.example/" data-qr="{qr_path("https://a.example/")}">A</a>\n'
        f'và <a href="https://b.example/" data-qr="{qr_path("https://b.example/")}">B</a></p>'
    )


def test_leading_title_heading_is_removed_once():
    assert strip_leading_h1('\n<h1 id="t">Title</h1>\n<p>Text</p><h1>Other</h1>') == "<p>Text</p><h1>Other</h1>"
    assert strip_leading_h1("<h2>Part</h2>") == "<h2>Part</h2>"
