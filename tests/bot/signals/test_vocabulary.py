"""The signal vocabulary: the shared codes, unchanged, and their ordering."""

from pathlib import Path

import pytest
import yaml

from bot.signals.vocabulary import by_severity, code_for, intent_for, vocabulary

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "signals.yml"


@pytest.mark.skipif(not SHARED.is_file(), reason="shared/ is not beside the checkout")
def test_the_project_copy_has_exactly_the_shared_codes_and_severities():
    shared = yaml.safe_load(SHARED.read_text("utf-8"))["signals"]
    assert {c: s["severity"] for c, s in shared.items()} == {
        c: s.severity for c, s in vocabulary().items()
    }


def test_there_are_fifteen_codes_in_three_severities():
    assert len(vocabulary()) == 15
    assert {s.severity for s in vocabulary().values()} == {"acute", "high", "concern"}


def test_codes_sort_most_severe_first():
    assert by_severity(["LOVERBOY", "MONEY_TAKEN", "SELF_HARM", "NOT_A_CODE"]) == [
        "SELF_HARM",
        "MONEY_TAKEN",
        "LOVERBOY",
    ]


@pytest.mark.parametrize("code", sorted(vocabulary()))
def test_intents_and_codes_map_both_ways(code):
    assert code_for(intent_for(code)) == code


def test_other_intents_have_no_code():
    assert code_for("ask_money") == ""
    assert code_for("disclose_something_else") == ""
