"""The hostile input corpus is well formed and covers every kind of input the issue names."""

import json

import pytest

from tests.security.corpus import EXPECTATIONS, KINDS, hostile_items

# The issue's list, each with the ids that cover it.
REQUIRED = {
    "empty": ["empty_text"],
    "whitespace": ["whitespace_only"],
    "100 kB messages": ["long_text_100kb_one_word", "long_text_100kb_words"],
    "control characters": ["control_characters", "nul_inside_text"],
    "invalid UTF-8": ["invalid_utf8_body", "lone_surrogate_escape"],
    "emoji only": ["emoji_only"],
    "right-to-left text": ["right_to_left_arabic", "bidi_override"],
    "HTML/JS injection": ["html_script"],
    "markdown injection": ["markdown_link_injection"],
    "intent syntax": ["intent_restart", "intent_with_entities", "intent_forget_me"],
    "huge webhook JSON": ["body_over_size_limit"],
    "malformed webhook JSON": ["body_truncated_json", "body_json_list", "message_null"],
}


def test_ids_are_unique():
    ids = [item.id for item in hostile_items()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("item", hostile_items(), ids=lambda item: item.id)
def test_every_item_is_well_formed(item):
    assert item.kind in KINDS
    assert item.expect in EXPECTATIONS
    assert item.encoding in ("text", "base64")
    assert item.repeat >= 1
    item.rest_body("corpus-check")  # decodes


@pytest.mark.parametrize("category", sorted(REQUIRED))
def test_every_category_of_the_issue_is_covered(category):
    ids = {item.id for item in hostile_items()}
    assert set(REQUIRED[category]) <= ids


def test_long_items_are_really_long():
    by_id = {item.id: item for item in hostile_items()}
    assert len(by_id["long_text_100kb_words"].text().encode()) >= 100_000
    assert len(by_id["body_over_size_limit"].rest_body("x")) > 64 * 1024


def test_text_items_become_valid_rest_bodies():
    for item in hostile_items():
        if item.kind == "text":
            body = json.loads(item.rest_body("corpus-check"))
            assert body == {"sender": "corpus-check", "message": item.text()}
