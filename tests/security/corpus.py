"""The hostile input corpus (tests/data/hostile_inputs.yml) as bodies a channel can send."""

import base64
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional

import yaml

from tests.support.servers import ROOT

CORPUS = ROOT / "tests" / "data" / "hostile_inputs.yml"
KINDS = ("text", "webhook_body")
EXPECTATIONS = ("reply", "4xx")
SENDER_PLACEHOLDER = "@sender@"
PADDING_PLACEHOLDER = "@padding@"


@dataclass(frozen=True)
class HostileItem:
    id: str
    kind: str
    body: str
    expect: str
    encoding: str = "text"
    repeat: int = 1
    padding: int = 0

    def raw(self) -> bytes:
        """The body as bytes, repeated and padded, placeholders not yet filled."""
        data = base64.b64decode(self.body) if self.encoding == "base64" else self.body.encode()
        if self.padding:
            data = data.replace(PADDING_PLACEHOLDER.encode(), b"x" * self.padding)
        return data * self.repeat

    def text(self) -> str:
        """The message text of a `text` item."""
        return self.raw().decode()

    def rest_body(self, sender: str) -> bytes:
        """The HTTP body for the REST webhook, with `sender` as the conversation id."""
        if self.kind == "text":
            return json.dumps({"sender": sender, "message": self.text()}).encode()
        return self.raw().replace(SENDER_PLACEHOLDER.encode(), sender.encode())


@lru_cache(maxsize=1)
def hostile_items() -> List[HostileItem]:
    document = yaml.safe_load(CORPUS.read_text("utf-8"))
    return [HostileItem(**item) for item in document["items"]]


def item(item_id: str) -> Optional[HostileItem]:
    return next((i for i in hostile_items() if i.id == item_id), None)
