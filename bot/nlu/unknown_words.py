"""UnknownWordsFallback: sends messages made of words no supported language knows to the fallback.

The intent classifier is confidently wrong on gibberish ("qwxz vbnm plkj" came out as
"thanks"); a message of two or more words of which none is in any supported language's word
list gets the honest "I did not understand" instead. Latin-letter Bulgarian is exempt: the word
lists know Bulgarian only in Cyrillic.
"""

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component import StatelessComponent
from bot.nlu.language import ANALYSIS_ATTRIBUTE

FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnknownWordsFallback(StatelessComponent):
    """Overrides the intent with the fallback when no word is known in any language."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_words": 2, "max_known_share": 0.0}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = config

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> "UnknownWordsFallback":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            analysis = message.get(ANALYSIS_ATTRIBUTE) or {}
            if (
                analysis.get("word_count", 0) >= self._config["min_words"]
                and analysis.get("known_share", 1.0) <= self._config["max_known_share"]
                and analysis.get("source") not in ("script", "bg_latin")
            ):
                message.set(INTENT, {"name": FALLBACK_INTENT, "confidence": 1.0}, True)
        return messages
