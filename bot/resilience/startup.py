"""What every channel installs when the Rasa server starts: call `protect(blueprint)` once.

- the action fallback (`bot.resilience.action_fallback`): an apology with 112 and the 24/7
  lines instead of silence when the action server fails;
- the API body check (`bot.resilience.api_guard`): 400 instead of 500 on the Rasa HTTP API.

Both are idempotent, so several channels may call it.
"""

from typing import Any

from sanic import Blueprint, Sanic

from bot.resilience.action_fallback import install_action_fallback
from bot.resilience.api_guard import check_api_body


def protect(blueprint: Blueprint) -> None:
    async def before_start(app: Sanic, _loop: Any) -> None:
        # only a Rasa server with the HTTP API has `ctx.agent` this early; a bare Sanic app (a
        # channel's own tests) has no API to check, and Sanic 21.12 cannot add a middleware to
        # a second app in one process after the first one started
        if hasattr(app.ctx, "agent"):
            app.register_middleware(check_api_body, "request")

    async def after_start(app: Sanic, _loop: Any) -> None:
        agent = getattr(app.ctx, "agent", None)
        if agent is not None:
            install_action_fallback(agent)

    blueprint.listener("before_server_start")(before_start)
    blueprint.listener("after_server_start")(after_start)
