"""SignalDetector: a Rasa NLU component that recognises distress and coercion signals.

Runs after the intent classifier and the fallback classifier. It combines two routes:
- the classifier's disclosure intents (`disclose_<code>`), trusted only when the message has
  no negation or hypothetical cue;
- per-language spaCy matcher patterns and the age finder (bot.nlu.signal_matcher), which also
  judge negation and hypotheticals per hit;
- for self-harm and acute danger, a second classifier trained on the signal example sets
  (bot.nlu.urgent_classifier), taken only from a high probability on.

It records the codes in the parse data (`signals`, most severe first) and makes the intent say
the most severe one (`disclose_<code>`), so that the dialogue rules answer it first, even when
the classifier had chosen a topic or the fallback. A disclosure intent that is not confirmed
(negated, hypothetical) gives way to the best other intent.
"""

from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.component import StatelessComponent
from bot.nlu.language import LANGUAGE_ATTRIBUTE
from bot.nlu.signal_matcher import SignalMatcher
from bot.nlu.urgent_classifier import UrgentClassifier, shared_urgent_classifier
from bot.signals.vocabulary import by_severity, code_for, intent_for

SIGNALS_ATTRIBUTE = "signals"
# Codes where a missed signal costs most: a lower bar for the classifier alone.
URGENT = frozenset({"ACUTE_DANGER", "SELF_HARM", "MINOR"})
# Violence, a threat or being held, told as happening now ("he is hitting me with the belt, can
# someone come right away"), is acute danger: the first reply must name 112.
ACUTE_WHEN_HAPPENING_NOW = frozenset({"VIOLENCE", "THREATS", "MOVEMENT_RESTRICTED", "SELF_HARM"})
ACUTE = "ACUTE_DANGER"
# harms to money, papers or reputation: never made acute danger by the urgent classifier alone
NOT_PHYSICAL = frozenset(
    "MONEY_TAKEN DEBT_BONDAGE DOCUMENTS_WITHHELD BLACKMAIL DECEPTION LOVERBOY RITUAL_OATH".split()
)
ORIGINAL_INTENT_ATTRIBUTE = "intent_before_signals"
FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SignalDetector(StatelessComponent):
    """Adds recognised signal codes to each message and puts the most severe one first."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # a disclosure intent counts from this confidence on (when not negated) ...
            "intent_threshold": 0.6,
            # ... and from this one for the codes where a miss costs most
            "urgent_intent_threshold": 0.6,
            # below this, a replacement intent becomes the fallback instead
            "fallback_threshold": 0.5,
            # a code of the urgent classifier counts from this probability on
            "urgent_classifier_threshold": 0.95,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        matcher: SignalMatcher,
        urgent_classifier: Optional[UrgentClassifier] = None,
    ) -> None:
        self._config = config
        self._matcher = matcher
        self._urgent_classifier = urgent_classifier or shared_urgent_classifier()

    @classmethod
    def from_config(cls, config: Dict[str, Any]) -> "SignalDetector":
        return cls(config, SignalMatcher())

    def detect(self, text: str, language: Optional[str], intent: Dict[str, Any]) -> List[str]:
        codes = self._matcher.affirmative_codes(text, language)
        codes += self._urgent_classifier_codes(text, language, codes)
        intent_code = code_for(intent.get("name") or "")
        threshold = self._config[
            "urgent_intent_threshold" if intent_code in URGENT else "intent_threshold"
        ]
        # Suicidal and acute messages are often worded with a negation or an "if" ("nobody
        # would notice if I was gone"): for those codes the classifier, which learns negations
        # from deny_problem, is trusted without the cue check; a miss costs more than an alarm.
        gated = intent_code not in URGENT
        # Other codes are not taken from the classifier when the message laughs, jokes or says
        # it is safe ("lol my boss is killing me with these hours"); the patterns still judge
        # those. Urgent codes are exempt: a nervous "lol" or "I don't feel safe" must not hide
        # danger.
        # Nor does the classifier alone give an urgent code for an everyday scene or a figure of
        # speech ("I died laughing", "cutting the tomatoes with my new knife"); a pattern still
        # does ("I cut myself again with the kitchen knife").
        # The classifier does not read numbers: where the age finder reads the message's
        # numbers as an adult age or as dates and times, and none as under 18, a MINOR from
        # the classifier alone is not taken ("I turned 18 last year", "my birthday is 16 April").
        if (
            intent_code
            and (intent.get("confidence") or 0.0) >= threshold
            and not (gated and self._matcher.negated_or_hypothetical(text, language))
            and not (gated and self._matcher.not_serious(text, language))
            and not (
                intent_code == "MINOR" and self._matcher.numbers_rule_out_a_minor(text, language)
            )
            and not (intent_code in URGENT and self._matcher.everyday(text, language))
        ):
            codes.append(intent_code)
        if (
            ACUTE not in codes
            and ACUTE_WHEN_HAPPENING_NOW.intersection(codes)
            and self._matcher.happening_now(text, language)
        ):
            codes.append(ACUTE)
        # every recognised code is kept (violence or a threat beside acute danger too: the
        # worker should see it); the most severe one decides the answer
        return by_severity(codes)

    def _urgent_classifier_codes(
        self, text: str, language: Optional[str], found: List[str]
    ) -> List[str]:
        probabilities = self._urgent_classifier.probabilities(text)
        threshold = self._config["urgent_classifier_threshold"]
        codes = [code for code, probability in probabilities.items() if probability >= threshold]
        # a harm to money, papers or reputation ("he is blackmailing me") is not made acute
        # danger by a classifier alone; a locked door or a blow may be ("the client locked the
        # room and pocketed the key")
        if found and set(found) <= NOT_PHYSICAL:
            codes = [code for code in codes if code != ACUTE]
        # an everyday scene or a figure of speech ("I died laughing") is no urgent code from a
        # classifier alone, as for the intent classifier below
        if codes and self._matcher.everyday(text, language):
            return []
        return codes

    def _replacement_intent(self, message: Message) -> Dict[str, Any]:
        for candidate in message.get(INTENT_RANKING_KEY) or []:
            if (
                not code_for(candidate.get("name") or "")
                and candidate.get("name") != FALLBACK_INTENT
            ):
                if (candidate.get("confidence") or 0.0) >= self._config["fallback_threshold"]:
                    return {"name": candidate["name"], "confidence": candidate["confidence"]}
                break
        return {"name": FALLBACK_INTENT, "confidence": 1.0}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            intent = message.get(INTENT) or {}
            codes = self.detect(text, message.get(LANGUAGE_ATTRIBUTE), intent)
            message.set(SIGNALS_ATTRIBUTE, codes, add_to_output=True)
            name = intent.get("name") or ""
            if codes and name != intent_for(codes[0]):
                message.set(ORIGINAL_INTENT_ATTRIBUTE, intent, add_to_output=True)
                message.set(INTENT, {"name": intent_for(codes[0]), "confidence": 1.0}, True)
            elif not codes and code_for(name):
                message.set(ORIGINAL_INTENT_ATTRIBUTE, intent, add_to_output=True)
                message.set(INTENT, self._replacement_intent(message), add_to_output=True)
        return messages
