import pytest

from bot.posters.errors import PosterError
from bot.posters.links import (
    TELEGRAM_BOT_ENV,
    WIDGET_URL_ENV,
    links_for,
    telegram_bot,
    widget_base,
)

WIDGET = "https://chat.example.org/webhooks/widget/"


@pytest.fixture(autouse=True)
def no_link_environment(monkeypatch):
    monkeypatch.delenv(WIDGET_URL_ENV, raising=False)
    monkeypatch.delenv(TELEGRAM_BOT_ENV, raising=False)


def test_links_carry_the_code_to_the_widget_and_to_telegram():
    links = links_for("AbC-d_123456789xy", WIDGET, "FirstContactBot")
    assert links.widget == f"{WIDGET}?p=AbC-d_123456789xy"
    assert links.telegram == "https://t.me/FirstContactBot?start=AbC-d_123456789xy"


def test_a_widget_address_with_a_query_keeps_it():
    assert links_for("c0de", f"{WIDGET}?lang=nl", None).widget == f"{WIDGET}?lang=nl&p=c0de"


def test_without_a_telegram_bot_there_is_no_telegram_link():
    assert telegram_bot(None) is None
    assert links_for("c0de", WIDGET, None).telegram is None


def test_addresses_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(WIDGET_URL_ENV, WIDGET)
    monkeypatch.setenv(TELEGRAM_BOT_ENV, "@FirstContactBot")
    assert widget_base(None) == WIDGET
    assert telegram_bot(None) == "FirstContactBot"
    assert widget_base("https://other.example.org/w/") == "https://other.example.org/w/"


@pytest.mark.parametrize(
    "url", ["", "http://chat.example.org/", "https:///nohost", "javascript:alert(1)", "chat.org"]
)
def test_only_an_https_widget_address_is_accepted(url):
    with pytest.raises(PosterError):
        widget_base(url)


@pytest.mark.parametrize("name", ["x", "not a bot", "FirstContact", "a" * 40 + "bot", "1bot_bot"])
def test_only_a_telegram_bot_username_is_accepted(name):
    with pytest.raises(PosterError):
        telegram_bot(name)
