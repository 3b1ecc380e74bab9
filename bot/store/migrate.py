"""Migrate the project database: `python -m bot.store.migrate upgrade` (to the newest schema),
`downgrade <revision>`, `current`, or `revision -m "..."` (autogenerate, for developers)."""

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

INI = Path(__file__).with_name("alembic.ini")


def config(url: str = "") -> Config:
    alembic_config = Config(str(INI))
    if url:
        alembic_config.cmd_opts = argparse.Namespace(x=[f"url={url}"])
    return alembic_config


def upgrade(url: str = "", revision: str = "head") -> None:
    command.upgrade(config(url), revision)


def downgrade(url: str = "", revision: str = "base") -> None:
    command.downgrade(config(url), revision)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["upgrade", "downgrade", "current", "revision"])
    parser.add_argument("revision", nargs="?", default="")
    parser.add_argument(
        "--url", default="", help="database URL (default FIRSTCONTACT_DATABASE_URL)"
    )
    parser.add_argument("-m", "--message", default="")
    args = parser.parse_args()
    if args.command == "upgrade":
        upgrade(args.url, args.revision or "head")
    elif args.command == "downgrade":
        downgrade(args.url, args.revision or "base")
    elif args.command == "current":
        command.current(config(args.url), verbose=True)
    else:
        command.revision(config(args.url), message=args.message, autogenerate=True)


if __name__ == "__main__":
    main()
