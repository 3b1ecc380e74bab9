from bot.console.rasa_api import transcript_line


def test_person_bot_worker_and_button_lines():
    events = [
        {"event": "action", "name": "action_listen", "timestamp": 1},
        {"event": "user", "text": "hallo", "timestamp": 2},
        {
            "event": "bot",
            "text": "Hoi!",
            "timestamp": 3,
            "metadata": {"utter_action": "utter_greet"},
        },
        {"event": "bot", "text": "Ik ben er", "timestamp": 4, "metadata": {"from_worker": True}},
        {
            "event": "user",
            "text": '/request_human{"helper_type": "peer"}',
            "timestamp": 5,
            "parse_data": {"intent": {"name": "request_human"}},
        },
        {"event": "pause", "timestamp": 6},
        {"event": "bot", "text": None, "timestamp": 7},
    ]
    lines = [line for i, e in enumerate(events) if (line := transcript_line(i, e))]
    assert [(line.index, line.kind, line.text) for line in lines] == [
        (1, "person", "hallo"),
        (2, "bot", "Hoi!"),
        (3, "worker", "Ik ben er"),
        (4, "choice", "request_human"),
    ]
