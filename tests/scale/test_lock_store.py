"""Tickets of one conversation are handed out one by one across processes (real Redis)."""

import threading
from urllib.parse import urlparse

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.store.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.scale


def store(redis_url: str) -> AtomicRedisLockStore:
    parsed = urlparse(redis_url)
    config = EndpointConfig(url=parsed.hostname, port=parsed.port, db=3, key_prefix="test")
    return AtomicRedisLockStore(endpoint_config=config)


def take_at_once(stores, conversation: str) -> list:
    barrier = threading.Barrier(len(stores))
    tickets = []

    def take(lock_store):
        barrier.wait()
        tickets.append(lock_store.issue_ticket(conversation))

    threads = [threading.Thread(target=take, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tickets


def test_simultaneous_tickets_for_one_conversation_are_all_different(redis_url):
    stores = [store(redis_url) for _ in range(8)]  # like eight replicas
    for round_number in range(25):
        conversation = f"race-{round_number}"
        tickets = take_at_once(stores, conversation)
        assert sorted(tickets) == list(range(len(stores)))
        for ticket in tickets:
            stores[0].cleanup(conversation, ticket)
        assert stores[0].get_lock(conversation) is None
