import pytest

from hanoi_info.languages import LanguageConfigError, languages_from_codes, static_i18n_languages


def test_native_names_come_from_babel_and_start_with_a_capital():
    names = [language.native_name for language in languages_from_codes(["vi", "en", "fr", "zh", "ja", "ko"])]
    assert names == ["Tiếng Việt", "English", "Français", "中文", "日本語", "한국어"]


def test_first_language_is_the_source_served_at_the_root():
    vi, en, zh = languages_from_codes(["vi", "en", "zh"])
    assert (vi.is_source, vi.url_prefix) == (True, "")
    assert (en.is_source, en.url_prefix) == (False, "en/")
    assert (zh.hreflang, zh.babel_locale) == ("zh-Hans", "zh_Hans_CN")


def test_static_i18n_configuration_is_derived_from_the_codes():
    assert static_i18n_languages(languages_from_codes(["vi", "th"])) == [
        {"locale": "vi", "name": "Tiếng Việt", "default": True, "build": True},
        {"locale": "th", "name": "ไทย", "default": False, "build": True},
    ]


@pytest.mark.parametrize(
    "codes, message",
    [
        ([], "list at least one language code"),
        (["vi", "en", "vi"], "'vi' is listed twice"),
        (["vi", "xx"], "'xx' is not a language Babel knows"),
    ],
)
def test_bad_language_lists_are_rejected_with_the_fix(codes, message):
    with pytest.raises(LanguageConfigError, match=message):
        languages_from_codes(codes)
