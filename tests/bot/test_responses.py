import asyncio
import logging

from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.responses import ButtonSafeNaturalLanguageGenerator

DOMAIN = Domain.from_yaml(
    """
slots:
  place:
    type: text
    mappings:
    - type: custom
responses:
  utter_offer:
  - text: "Help in {place}?"
    buttons:
    - title: "Yes, in {place}"
      payload: '/request_human{"helper_type": "peer"}'
    - title: "Menu"
      payload: /menu
"""
)


def test_payloads_are_left_alone_and_texts_and_titles_filled(caplog, capsys):
    generator = ButtonSafeNaturalLanguageGenerator(domain=DOMAIN)
    tracker = DialogueStateTracker.from_dict("x", [], DOMAIN.slots)
    tracker._set_slot("place", "Utrecht")
    with caplog.at_level(logging.DEBUG):
        message = asyncio.run(generator.generate("utter_offer", tracker, "rest"))
    assert message["text"] == "Help in Utrecht?"
    assert [b["title"] for b in message["buttons"]] == ["Yes, in Utrecht", "Menu"]
    assert [b["payload"] for b in message["buttons"]] == [
        '/request_human{"helper_type": "peer"}',
        "/menu",
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "interpolator" not in capsys.readouterr().out  # Rasa logs it through structlog
    again = asyncio.run(generator.generate("utter_offer", tracker, "rest"))
    assert again["buttons"][0]["payload"] == '/request_human{"helper_type": "peer"}'
