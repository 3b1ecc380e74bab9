"""What can go wrong when making a poster, with messages a coordinator can act on."""


class PosterError(Exception):
    """A poster cannot be made as asked; the message says why and what to do."""


MISSING_FONT = (
    "The font {path} is missing. Install the Debian package fonts-dejavu-core "
    "(apt-get install fonts-dejavu-core), which covers every poster language."
)
NO_WIDGET_URL = (
    "No web chat address: pass --widget-url https://... or set FIRSTCONTACT_WIDGET_URL "
    "(for example https://chat.example.org/webhooks/widget/)."
)
BAD_WIDGET_URL = "The web chat address must be an https:// address with a host, not {url!r}."
BAD_TELEGRAM_BOT = (
    "{name!r} is not a Telegram bot username (5 to 32 letters, digits or _, ending in 'bot')."
)
TOO_MANY_LANGUAGES = "An {size} poster holds at most {limit} languages; {count} were asked."
NO_LANGUAGES = "Say which languages the poster shows: --languages nl,ro,bg."
UNKNOWN_LANGUAGE = "Unknown poster language {language!r}; choose from {choices}."
UNKNOWN_SIZE = "Unknown poster size {size!r}; choose A4 or A6."
UNKNOWN_FORMAT = "Unknown file format {format!r}; choose pdf or png."
UNKNOWN_CODE = "There is no poster code {code!r}."
RETIRED_CODE = "The poster code {code!r} is retired; make a new one with `create`."
DOES_NOT_FIT = "The texts do not fit on an {size} poster; choose fewer languages or A4."
TEXTS_INCOMPLETE = "Poster texts ({path}): {problem}."
