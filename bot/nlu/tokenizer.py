"""MultilingualSpacyTokenizer: tokenises each message with the blank spaCy pipeline of its language.

The language comes from `LanguageIdentifier` (which must run first). Each token's lemma is
its lowercase form without diacritics, so that the featurizers see "uita-ma" and "uită-mă"
as the same words (many people type without diacritics).
"""

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language import LANGUAGE_ATTRIBUTE
from bot.nlu.language_lexicon import fold
from bot.nlu.pipelines import load_pipelines, pipelines_dir

UNKNOWN_LANGUAGE = "xx"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultilingualSpacyTokenizer(Tokenizer):
    """Tokenises with spaCy's rules for the message's language."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # folder with one saved blank pipeline per language; empty = the default
            "pipelines_dir": "",
        }

    def __init__(self, config: Dict[str, Any], pipelines: Dict[str, Any]) -> None:
        super().__init__(config)
        self._pipelines = pipelines

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MultilingualSpacyTokenizer":
        from pathlib import Path

        source = Path(config["pipelines_dir"]) if config.get("pipelines_dir") else pipelines_dir()
        return cls(config, load_pipelines(source))

    def _pipeline_for(self, message: Message, attribute: str) -> Any:
        language = message.get(LANGUAGE_ATTRIBUTE) if attribute == TEXT else None
        return self._pipelines.get(language or UNKNOWN_LANGUAGE, self._pipelines[UNKNOWN_LANGUAGE])

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        text = message.get(attribute)
        doc = self._pipeline_for(message, attribute).make_doc(text)
        tokens = [
            Token(t.text, t.idx, lemma=fold(t.text))
            for t in doc
            if not t.is_space and not (t.is_punct and len(doc) > 1)
        ]
        if not tokens:
            # Rasa needs at least one token; keep the text itself (e.g. "?" or an emoji)
            tokens = [Token(text, 0, lemma=fold(text))] if text.strip() else []
        return self._apply_token_pattern(tokens)
