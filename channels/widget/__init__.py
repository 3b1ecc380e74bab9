"""The no-trace web chat widget: a websocket channel on the Rasa server and its page.

credentials.yml:

    channels.widget.WidgetInput:
      # optional: origins (besides the page's own) allowed to open the websocket
      allowed_origins: []
"""

from channels.widget.channel import WidgetInput

__all__ = ["WidgetInput"]
