"""The page's own files: words in every language, no storage, nothing from elsewhere."""

import json
import re

import pytest

from bot.languages import SUPPORTED_LANGUAGES
from channels.widget.pages import ASSETS, STATIC_DIR

STRINGS_JS = (STATIC_DIR / "strings.js").read_text()
WIDGET_JS = (STATIC_DIR / "widget.js").read_text()
INDEX_HTML = (STATIC_DIR / "index.html").read_text()

OWN_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "ro": "Română",
    "bg": "Български",
    "hu": "Magyar",
    "es": "Español",
    "pl": "Polski",
}


def widget_strings() -> dict:
    match = re.search(r"/\* BEGIN STRINGS \*/(.*)/\* END STRINGS \*/", STRINGS_JS, re.S)
    assert match, "strings.js lost its markers"
    return json.loads(match.group(1))


def test_every_language_has_every_widget_string():
    strings = widget_strings()
    assert set(strings) == set(SUPPORTED_LANGUAGES)
    keys = set(strings["en"])
    for language in SUPPORTED_LANGUAGES:
        assert set(strings[language]) == keys, language
        assert all(isinstance(v, str) and v.strip() for v in strings[language].values()), language


def test_every_string_the_page_uses_exists():
    used = set(re.findall(r"""\b(?:t|setStatus)\("([a-z_]+)"\)""", WIDGET_JS))
    used |= set(re.findall(r"""speakerLabel\(.*"([a-z_]+)" : "([a-z_]+)"\)""", WIDGET_JS)[0])
    used |= {"too_long", "too_fast", "bad_request", "unavailable"}  # error codes of the server
    assert used <= set(widget_strings()["en"])
    assert {"placeholder", "send", "quick_exit", "language_label", "reconnecting"} <= used


def test_translations_are_not_copies_of_the_english():
    strings = widget_strings()
    for language in SUPPORTED_LANGUAGES:
        if language != "en":
            assert strings[language]["placeholder"] != strings["en"]["placeholder"], language
            assert strings[language]["quick_exit"] != strings["en"]["quick_exit"], language


def test_the_picker_offers_the_seven_languages_in_their_own_names():
    options = re.findall(r'<option value="(\w+)" lang="(\w+)">([^<]+)</option>', INDEX_HTML)
    assert [(value, name) for value, _, name in options] == list(OWN_NAMES.items())
    assert all(value == lang for value, lang, _ in options)
    assert tuple(OWN_NAMES) == SUPPORTED_LANGUAGES


@pytest.mark.parametrize(
    "api",
    ["localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches", "serviceWorker"],
)
def test_the_page_uses_no_storage_on_the_device(api):
    for name in ("widget.js", "strings.js"):
        assert api not in (STATIC_DIR / name).read_text(), f"{name} mentions {api}"


def test_nothing_is_fetched_from_elsewhere():
    for name in ("index.html", "away.html", *ASSETS):
        text = (STATIC_DIR / name).read_text()
        text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
        assert "@import" not in text and "url(" not in text, name


def test_the_page_has_a_live_region_labels_and_a_neutral_title():
    assert "<title>Chat</title>" in INDEX_HTML
    assert 'aria-live="polite"' in INDEX_HTML
    for control in ("language", "message"):
        assert f'for="{control}"' in INDEX_HTML and f'id="{control}"' in INDEX_HTML
    assert 'autocomplete="off"' in INDEX_HTML


def test_quick_exit_replaces_the_history_entry():
    assert "location.replace(AWAY_PATH)" in WIDGET_JS
    assert 'AWAY_PATH = "/webhooks/widget/away"' in WIDGET_JS
