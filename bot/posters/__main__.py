"""`python -m bot.posters`: see bot/posters/cli.py."""

import sys

from bot.posters.cli import main

sys.exit(main())
