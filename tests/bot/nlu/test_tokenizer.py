"""MultilingualSpacyTokenizer and LanguageIdentifier together, as in the pipeline."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language import LanguageIdentifier
from bot.nlu.tokenizer import MultilingualSpacyTokenizer


def components(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    identifier = LanguageIdentifier.create({}, storage, Resource("lang"), context)
    tokenizer = MultilingualSpacyTokenizer.create(
        MultilingualSpacyTokenizer.get_default_config(), storage, Resource("tok"), context
    )
    return identifier, tokenizer


def tokens_of(tmp_path, text, tracker=None):
    identifier, tokenizer = components(tmp_path)
    message = Message(data={"text": text, "metadata": {}})
    identifier.process([message], tracker)
    tokenizer.process([message])
    return message, message.get("text_tokens")


def test_lemmas_are_folded_so_diacritics_do_not_matter(tmp_path):
    _, with_marks = tokens_of(tmp_path, "Vreau să vorbesc cu o asistentă socială")
    _, without = tokens_of(tmp_path, "vreau sa vorbesc cu o asistenta sociala")
    assert [t.lemma for t in with_marks] == [t.lemma for t in without]


def test_the_message_language_is_in_the_parse_output(tmp_path):
    message, _ = tokens_of(tmp_path, "hola, tengo una pregunta sobre mis derechos")
    assert message.get("language") == "es"
    assert message.as_dict(only_output_properties=True)["language_analysis"]["candidate"] == "es"


def test_the_conversation_language_is_used_for_short_messages(tmp_path):
    tracker = DialogueStateTracker.from_events("x", [SlotSet("language", "pl")])
    message, _ = tokens_of(tmp_path, "ok", tracker)
    assert message.get("language") == "pl"


def test_emoji_only_still_gives_a_token(tmp_path):
    _, tokens = tokens_of(tmp_path, "🙏")
    assert len(tokens) == 1


def test_bulgarian_cyrillic_is_tokenised_into_words(tmp_path):
    _, tokens = tokens_of(tmp_path, "Къде мога да се изследвам?")
    assert [t.text for t in tokens] == ["Къде", "мога", "да", "се", "изследвам"]
