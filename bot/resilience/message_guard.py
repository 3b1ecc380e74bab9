"""What a channel lets through to Rasa: clean text, the assistant's own shortcuts, known metadata.

Every channel passes the person's text through `guard_text` before Rasa sees it:

- lone surrogates (invalid UTF-16 from JSON `\\ud800`) become U+FFFD; control characters,
  bidirectional overrides and combining marks NFC leaves alone are dropped; the text is cut at
  `MAX_MESSAGE_CHARS`. Rasa's classifier needs memory growing with the square of the number of
  words: one message of 100 kB of words took 24 GB and the server was killed.
- Rasa reads a text that starts with "/" as an intent (`/restart`, `/greet{"x": 1}`). Typing an
  intent of the domain is allowed (it is the same as saying it in words; `/forget_me` still asks
  for confirmation), except Rasa's own conversation controls (`/restart`, `/session_start`,
  `/back`, which would reset or rewind the conversation without a word) and the disclosure
  intents (`/disclose_acute_danger` would record a signal and put a made-up emergency at the top
  of the workers' queue). Entities are allowed only in the exact payloads of the assistant's own
  buttons, so no one sets a slot by typing. Anything else starting with "/" loses its slashes
  and is read as words, and gets an ordinary reply.
"""

import json
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from rasa.shared.core.constants import DEFAULT_INTENTS

from bot.languages import SUPPORTED_LANGUAGES

MAX_MESSAGE_CHARS = 2000
MAX_LANGUAGE_HINT_CHARS = 35
INTENT_PREFIX = "/"
DISCLOSURE_PREFIX = "disclose_"
KEPT_CONTROL_CHARACTERS = {"\n", "\t"}
# Embeddings, overrides and isolates can make a worker read a message in another order.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SURROGATES = re.compile("[\ud800-\udfff]")
SHORTCUT = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?$", re.DOTALL)


def clean_text(text: str) -> str:
    """The text without invalid code points and invisible controls, cut to the length limit."""
    text = SURROGATES.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        char
        for char in text
        if char in KEPT_CONTROL_CHARACTERS
        or (unicodedata.category(char) != "Cc" and char not in BIDI_CONTROLS)
    )
    composed = unicodedata.normalize("NFC", text)
    # Marks NFC could not join to a letter fold to nothing, and an empty token crashes the
    # place matcher (bot.knowledge.places): Arabic vowel signs, stacked "zalgo" marks.
    composed = "".join(char for char in composed if not unicodedata.category(char).startswith("M"))
    return composed.strip()[:MAX_MESSAGE_CHARS].strip()


def canonical_shortcut(text: str) -> Optional[str]:
    """`/intent` or `/intent{json}` with the entities in one canonical spelling; else None."""
    match = SHORTCUT.match(text.strip())
    if not match:
        return None
    entities = match.group("entities")
    if entities is None:
        return INTENT_PREFIX + match.group("intent")
    try:
        parsed = json.loads(entities)
    except ValueError:
        return None
    if not isinstance(parsed, dict):
        return None
    return INTENT_PREFIX + match.group("intent") + json.dumps(parsed, sort_keys=True)


def button_payloads(responses: Dict[str, List[Dict[str, Any]]]) -> Set[str]:
    """The canonical shortcuts of every button payload in the domain's responses."""
    payloads = set()
    for variations in responses.values():
        for variation in variations:
            for button in variation.get("buttons") or []:
                canonical = canonical_shortcut(str(button.get("payload", "")))
                if canonical:
                    payloads.add(canonical)
    return payloads


def typeable_intent(intent: str) -> bool:
    return intent not in DEFAULT_INTENTS and not intent.startswith(DISCLOSURE_PREFIX)


def language_switch_payloads() -> Set[str]:
    """What a channel's language picker sends (the widget's): one per supported language."""
    payloads = (f'/switch_language{{"language": "{code}"}}' for code in SUPPORTED_LANGUAGES)
    return {canonical_shortcut(payload) for payload in payloads} - {None}


def allowed_shortcuts(
    intents: Iterable[str], responses: Dict[str, List[Dict[str, Any]]]
) -> Set[str]:
    """The domain's typeable intents without entities, the buttons' exact payloads, and the
    language picker's payloads."""
    plain = {INTENT_PREFIX + intent for intent in intents if typeable_intent(intent)}
    return plain | button_payloads(responses) | language_switch_payloads()


_shortcuts_by_domain: Dict[int, Tuple[Any, Set[str]]] = {}


def shortcuts_of(agent: Any) -> Optional[Set[str]]:
    """The allowed shortcuts of a Rasa agent's domain (`request.app.ctx.agent` in a channel),
    worked out once per loaded domain."""
    domain = getattr(agent, "domain", None)
    if domain is None:  # no model loaded: nothing to compare with (see guard_text)
        return None
    cached = _shortcuts_by_domain.get(id(domain))
    if cached is None or cached[0] is not domain:
        cached = (domain, allowed_shortcuts(domain.intents, domain.responses))
        _shortcuts_by_domain.clear()  # one model is loaded at a time
        _shortcuts_by_domain[id(domain)] = cached
    return cached[1]


def guard_text(text: str, shortcuts: Optional[Iterable[str]]) -> str:
    """The text Rasa may see: cleaned, and intent syntax only for allowed shortcuts.

    `shortcuts` None means no domain is known (no model loaded, as in a channel's own tests):
    the text is cleaned only, and the channel's own filtering applies.
    """
    text = clean_text(text)
    if not text.startswith(INTENT_PREFIX) or shortcuts is None:
        return text
    if canonical_shortcut(text) in set(shortcuts):
        return text
    return text.lstrip(INTENT_PREFIX).strip()


def guard_metadata(metadata: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """Only the language hint is kept: metadata is stored with every message in the tracker."""
    if not isinstance(metadata, dict):
        return None
    hint = metadata.get("language")
    if isinstance(hint, str) and 0 < len(hint) <= MAX_LANGUAGE_HINT_CHARS:
        return {"language": clean_text(hint)}
    return None
