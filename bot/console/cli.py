"""`python -m bot.console serve | create-account --username X --role R [--languages nl,en]`."""

import argparse
import getpass
import sys

from bot.console import models as _console_tables  # noqa: F401 - registers the sessions table
from bot.console.auth import WeakPassword, create_account
from bot.handover import queue
from bot.handover.models import ROLES
from bot.languages import SUPPORTED_LANGUAGES
from bot.store.database import session_scope


def read_password() -> str:
    """From the terminal without echo, or the first line of stdin when it is not a terminal."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password (at least 12 characters): ")
        if first != getpass.getpass("Once more: "):
            raise SystemExit("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def languages_argument(value: str) -> str:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in SUPPORTED_LANGUAGES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown language codes: {', '.join(unknown)}")
    return ",".join(codes)


def create_account_command(args: argparse.Namespace) -> int:
    password = read_password()
    try:
        with session_scope() as session:
            worker = create_account(session, args.username, password, args.role, args.languages)
            queue.record(session, None, "create_account", None, f"account {worker.id} (cli)")
            print(f"created {worker.role} account {worker.username!r}")
    except WeakPassword as error:
        print(f"refused: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"refused: {error}", file=sys.stderr)
        return 2
    return 0


def serve_command(_args: argparse.Namespace) -> int:
    from bot.console.app import create_app
    from bot.console.config import HOST

    app = create_app()
    app.run(host=HOST, port=app.ctx.config.port, access_log=False, motd=False)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the console on 127.0.0.1")
    create = commands.add_parser("create-account", help="create an account; password from stdin")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--languages", type=languages_argument, default="")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve_command(args)
    return create_account_command(args)
