"""Resolve an event's type name to its class once, not on every stored event.

Rasa 3.6's `Event.resolve_by_type` walks the whole tree of `Event` subclasses (with
`inspect.isabstract` on each) for every event it turns back into an object: about 30
subclasses per event, 30 to 100 events per tracker load. The answer for a known type name
never changes, so found classes are remembered. Unknown names, the `default` fallback and the
error for an unknown name go through Rasa's own function, exactly as before.
"""

from typing import Dict, Optional, Type

from rasa.shared.core.events import Event

_rasa_resolve_by_type = Event.resolve_by_type
_found: Dict[str, Type[Event]] = {}


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    found = _found.get(type_name)
    if found is not None:
        return found
    resolved = _rasa_resolve_by_type(type_name, default)
    if resolved is not None and getattr(resolved, "type_name", None) == type_name:
        _found[type_name] = resolved
    return resolved


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
