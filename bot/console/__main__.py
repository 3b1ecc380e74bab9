"""Entry point: `python -m bot.console ...` (see bot.console.cli)."""

import sys

from bot.console.cli import main

sys.exit(main())
