"""Speed fixes for Rasa 3.6 hot paths that do the same expensive work on every message.

`install()` is called where every `rasa run` of this project passes (the tracker store module
named in endpoints.yml), next to the handover interrupts.
"""

from bot.performance import action_results, event_types


def install() -> None:
    action_results.install()
    event_types.install()
