"""LanguageIdentifier: a Rasa NLU component that tells which supported language a message is in.

It records its analysis in the parse data (`language_analysis`) and the language to use for
this message (`language`, also read by the tokenizer). Whether the conversation's `language`
slot changes is decided with the conversation in view by `bot.nlu.language_policy`.

Channel hint: message metadata `{"language": "ro-RO"}` (Telegram's language_code, the
browser's language or the widget's picker).
"""

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.component import StatelessComponent
from bot.nlu.language_detection import LanguageDetector, decide

LANGUAGE_ATTRIBUTE = "language"
ANALYSIS_ATTRIBUTE = "language_analysis"
METADATA_HINT_KEY = "language"
LANGUAGE_SLOT = "language"


def hint_from_metadata(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The channel's language hint, if the message carries one."""
    if not isinstance(metadata, dict):
        return None
    hint = metadata.get(METADATA_HINT_KEY)
    return hint if isinstance(hint, str) else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LanguageIdentifier(StatelessComponent):
    """Identifies the language of each message among the supported languages."""

    def __init__(self, detector: LanguageDetector) -> None:
        self._detector = detector

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> "LanguageIdentifier":
        return cls(LanguageDetector())

    def _annotate(self, message: Message, current: Optional[str]) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str):
            return
        analysis = self._detector.analyse(text)
        decision = decide(analysis, current, hint_from_metadata(message.get("metadata")))
        message.set(ANALYSIS_ATTRIBUTE, analysis.as_dict(), add_to_output=True)
        message.set(LANGUAGE_ATTRIBUTE, decision.language, add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._annotate(example, current=None)
        return training_data

    def process(
        self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None
    ) -> List[Message]:
        current = tracker.get_slot(LANGUAGE_SLOT) if tracker is not None else None
        for message in messages:
            self._annotate(message, current)
        return messages
