import re
from pathlib import Path

import pytest
import yaml

from bot.languages import SUPPORTED_LANGUAGES
from bot.nlu.language_lexicon import fold
from bot.posters.errors import PosterError
from bot.posters.render import BOLD_FONT, REGULAR_FONT
from bot.posters.texts import KEYS, TEXTS_FILE, load_texts

FORBIDDEN_PHRASES = Path(__file__).parents[2] / "data" / "forbidden_phrases.yml"
# Words that would tell someone looking over a shoulder (or at a photo) what the chat is about.
GIVE_AWAY_WORDS = [
    "sex",
    "seks",
    "prostitu",
    "escort",
    "trafficking",
    "mensenhandel",
    "uitbuit",
    "exploit",
    "pooier",
    "pimp",
    "loverboy",
    "victim",
    "slachtoffer",
    "секс",
    "проститу",
    "трафик",
    "trafic",
    "szex",
    "prostitú",
    "emberkereskedelem",
    "trata",
    "víctima",
    "handel ludźmi",
    "ofiar",
]


def all_texts():
    return [
        (language, key, getattr(texts, key))
        for language, texts in load_texts().items()
        for key in KEYS
    ]


def language_texts(language: str) -> str:
    return " | ".join(getattr(load_texts()[language], key) for key in KEYS)


def raw_texts() -> dict:
    return yaml.safe_load(TEXTS_FILE.read_text("utf-8"))


def test_every_language_has_every_poster_text():
    texts = load_texts()
    assert list(texts) == list(SUPPORTED_LANGUAGES)
    assert set(raw_texts()) == set(SUPPORTED_LANGUAGES)


def test_a_missing_language_is_refused(tmp_path):
    raw = raw_texts()
    del raw["pl"]
    path = tmp_path / "texts.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(PosterError, match="pl"):
        load_texts(path)


def test_a_missing_text_is_refused(tmp_path):
    raw = raw_texts()
    raw["bg"]["reassurance"] = " "
    path = tmp_path / "texts.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(PosterError, match="bg has no reassurance"):
        load_texts(path)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_poster_texts_carry_no_phone_number(language):
    text = language_texts(language)
    assert not re.findall(r"\d", text.replace("112", ""))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_poster_texts_do_not_say_what_the_chat_is_about(language):
    folded = fold(language_texts(language))
    assert not [word for word in GIVE_AWAY_WORDS if fold(word) in folded]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_poster_texts_neither_promise_nor_push_reporting(language):
    phrases = yaml.safe_load(FORBIDDEN_PHRASES.read_text("utf-8"))
    folded = fold(language_texts(language))
    for kind in ("promises", "push"):
        assert not [p for p in phrases[kind][language] if fold(p) in folded], kind


def test_poster_texts_stay_short():
    for language, key, text in all_texts():
        assert len(text.split()) <= 12, (language, key)


def test_the_fonts_have_every_letter_of_every_poster_text():
    ttLib = pytest.importorskip("fontTools.ttLib")
    letters = {c for _, _, text in all_texts() for c in text if not c.isspace()}
    for path in (REGULAR_FONT, BOLD_FONT):
        cmap = ttLib.TTFont(str(path)).getBestCmap()
        assert sorted(c for c in letters if ord(c) not in cmap) == [], path
