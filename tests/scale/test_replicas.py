"""Two Rasa replicas on the production profile share conversations through PostgreSQL (tracker
store) and Redis (lock store): every message is answered exactly once and none is lost, also
when one conversation's messages reach both replicas at the same moment."""

import asyncio
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets
from sqlalchemy import create_engine, text

from channels.widget.session import conversation_id as widget_conversation_id
from tests.support.servers import http_json

pytestmark = pytest.mark.scale

MESSAGES = [
    "hallo",
    "waar kan ik me laten testen",
    "is het gratis",
    "hello, can we speak english",
    "what are my rights",
    "thanks, bye",
]


def user_texts(replica, sender):
    return [e["text"] for e in replica.tracker(sender)["events"] if e["event"] == "user"]


def test_alternating_replicas_continue_one_conversation(replicas):
    first, second = replicas
    sender = f"scale-{uuid.uuid4().hex}"
    for number, message in enumerate(MESSAGES):
        replies = (first, second)[number % 2].say(sender, message)
        assert replies, message
    assert user_texts(first, sender) == MESSAGES
    assert user_texts(second, sender) == MESSAGES
    assert second.slot(sender, "language") == "en"


def test_concurrent_conversations_lose_and_duplicate_nothing(replicas, postgres_url):
    first, second = replicas
    senders = [f"scale-{uuid.uuid4().hex}" for _ in range(12)]
    answered = {sender: 0 for sender in senders}
    lock = threading.Lock()

    def converse(index_and_sender):
        index, sender = index_and_sender
        for number, message in enumerate(MESSAGES[:4]):
            replies = (first, second)[(index + number) % 2].say(sender, message)
            with lock:
                answered[sender] += 1 if replies else 0

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(converse, enumerate(senders)))
    assert set(answered.values()) == {4}
    for sender in senders:
        assert user_texts(first, sender) == MESSAGES[:4]
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT sender_id, count(*) FROM events WHERE type_name = 'user'"
                " AND sender_id LIKE 'scale-%' GROUP BY sender_id"
            )
        ).all()
    counts = dict(rows)
    assert all(counts[sender] == 4 for sender in senders)


def test_one_conversation_hit_on_both_replicas_at_once_keeps_both_messages(replicas):
    first, second = replicas
    sender = f"scale-{uuid.uuid4().hex}"
    first.say(sender, "hallo")
    barrier = threading.Barrier(2)
    results = {}

    def send(replica, message):
        barrier.wait()
        results[message] = replica.say(sender, message)

    threads = [
        threading.Thread(target=send, args=(first, "waar kan ik me laten testen")),
        threading.Thread(target=send, args=(second, "wat zijn mijn rechten")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results.values()), results
    texts = user_texts(first, sender)
    assert texts[0] == "hallo" and sorted(texts[1:]) == sorted(results), texts


async def open_widget(replica) -> tuple:
    """A widget socket on one replica: returns the socket and its conversation id."""
    url = replica.url.replace("http://", "ws://") + "/webhooks/widget/socket"
    socket = await websockets.connect(url, origin=replica.url)
    await socket.send(json.dumps({"type": "hello", "language": "nl"}))
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=60))
        if frame.get("type") == "session":
            return socket, widget_conversation_id(frame["secret"])


async def next_bot_text(socket, wanted: str) -> bool:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=30))
        if frame.get("type") == "bot" and frame.get("text") == wanted:
            return True


def test_a_worker_message_reaches_a_widget_socket_held_by_the_other_replica(replicas):
    first, second = replicas

    async def scenario():
        socket, conversation = await open_widget(first)
        try:
            text = f"worker message {uuid.uuid4().hex}"
            url = (
                f"{second.url}/conversations/{conversation}/tracker/events"
                f"?token={second.token}&execute_side_effects=true&output_channel=widget"
            )
            await asyncio.to_thread(
                http_json, "POST", url, [{"event": "bot", "text": text, "metadata": {}}]
            )
            return await next_bot_text(socket, text)
        finally:
            await socket.close()

    assert asyncio.run(scenario())
