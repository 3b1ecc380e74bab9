"""The action endpoint answers with the apology when the action server fails (real HTTP servers)."""

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator

import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.languages import SUPPORTED_LANGUAGES
from bot.resilience.action_fallback import (
    APOLOGY_RESPONSE,
    FallbackActionEndpoint,
    apology_result,
    install_action_fallback,
)
from bot.resilience.rest import apology_messages
from tests.support.servers import ROOT, free_port

ACTION_RESULT = {"events": [{"event": "slot", "name": "topic", "value": "health"}], "responses": []}


def apology_text(domain: Domain, language: str) -> str:
    for variation in domain.responses[APOLOGY_RESPONSE]:
        if (variation.get("condition") or [{}])[0].get("value") == language:
            return variation["text"]
    raise KeyError(language)


async def answer_ok(_request: web.Request) -> web.Response:
    return web.json_response(ACTION_RESULT)


async def answer_500(_request: web.Request) -> web.Response:
    return web.Response(status=500, text="Internal Server Error")


async def answer_400(_request: web.Request) -> web.Response:
    return web.json_response({"action_name": "action_x", "error": "rejected"}, status=400)


async def answer_html(_request: web.Request) -> web.Response:
    return web.Response(text="<html>proxy error</html>", content_type="text/html")


@asynccontextmanager
async def action_server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/ok", answer_ok)
    app.router.add_post("/fail", answer_500)
    app.router.add_post("/reject", answer_400)
    app.router.add_post("/html", answer_html)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def call(url: str):
    return await FallbackActionEndpoint(url=url).request(json={"next_action": "action_x"})


def test_an_unreachable_action_server_gives_the_apology():
    assert asyncio.run(call(f"http://127.0.0.1:{free_port()}/webhook")) == apology_result()


def test_a_failing_or_garbled_action_server_gives_the_apology():
    async def scenario():
        async with action_server() as url:
            return await call(f"{url}/fail"), await call(f"{url}/html")

    assert asyncio.run(scenario()) == (apology_result(), apology_result())


def test_a_working_action_server_is_passed_through():
    async def scenario():
        async with action_server() as url:
            return await call(f"{url}/ok")

    assert asyncio.run(scenario()) == ACTION_RESULT


def test_an_action_rejecting_itself_still_raises():
    async def scenario():
        async with action_server() as url:
            await call(f"{url}/reject")

    with pytest.raises(ClientResponseError) as rejected:
        asyncio.run(scenario())
    assert rejected.value.status == 400


def test_wrapping_keeps_the_endpoint_settings():
    original = EndpointConfig(url="http://x/webhook", token="t", headers={"h": "1"}, extra=2)
    wrapped = FallbackActionEndpoint.wrapping(original)
    assert (wrapped.url, wrapped.token, wrapped.headers, wrapped.kwargs) == (
        "http://x/webhook",
        "t",
        {"h": "1"},
        {"extra": 2},
    )


class FakeProcessor:
    def __init__(self, endpoint):
        self.action_endpoint = endpoint


class FakeAgent:
    def __init__(self, endpoint):
        self.action_endpoint = endpoint
        self.processor = FakeProcessor(endpoint)


def test_installing_is_idempotent_and_reaches_a_new_processor():
    agent = FakeAgent(EndpointConfig(url="http://x/webhook"))
    install_action_fallback(agent)
    first = agent.action_endpoint
    assert isinstance(first, FallbackActionEndpoint)
    assert agent.processor.action_endpoint is first
    install_action_fallback(agent)
    assert agent.action_endpoint is first
    agent.processor = FakeProcessor(first)  # a model loaded later reuses the agent's endpoint
    install_action_fallback(agent)
    assert agent.processor.action_endpoint is first


@pytest.mark.parametrize("language", ["nl", "ro", "bg"])
def test_a_custom_action_with_the_server_down_utters_the_apology_in_the_persons_language(
    language,
):
    domain = Domain.load(str(ROOT / "domain"))
    endpoint = FallbackActionEndpoint(url=f"http://127.0.0.1:{free_port()}/webhook")
    tracker = DialogueStateTracker.from_events(
        "fallback-test", [SlotSet("language", language)], slots=domain.slots
    )
    events = asyncio.run(
        RemoteAction("action_local_help", endpoint).run(
            CollectingOutputChannel(),
            TemplatedNaturalLanguageGenerator(domain.responses),
            tracker,
            domain,
        )
    )
    expected = apology_text(domain, language)
    assert [e.text for e in events if isinstance(e, BotUttered)] == [expected]
    assert events[0].metadata["utter_action"] == APOLOGY_RESPONSE
    assert "112" in expected


def test_the_apology_exists_in_every_language_with_112():
    variations = Domain.load(str(ROOT / "domain")).responses[APOLOGY_RESPONSE]
    languages = {(v.get("condition") or [{}])[0].get("value") for v in variations}
    assert languages >= set(SUPPORTED_LANGUAGES)
    assert all("112" in v["text"] for v in variations)


def test_a_turn_that_failed_inside_rasa_gets_the_apology_in_the_conversations_language():
    domain = Domain.load(str(ROOT / "domain"))
    agent = Agent(domain=domain)
    tracker = DialogueStateTracker.from_events(
        "failed-turn", [SlotSet("language", "ro")], slots=domain.slots
    )
    asyncio.run(agent.tracker_store.save(tracker))
    messages = asyncio.run(apology_messages(agent, "failed-turn"))
    assert [m["text"] for m in messages] == [apology_text(domain, "ro")]
    unknown = asyncio.run(apology_messages(agent, "unknown-conversation"))
    assert [m["text"] for m in unknown] == [apology_text(domain, "en")]
