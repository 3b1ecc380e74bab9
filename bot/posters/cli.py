"""The coordinator's poster command: create, list, render and retire poster codes.

    python -m bot.posters create --region amsterdam --language ro --note "where it hangs" \\
        --languages ro,nl --size A4 --format pdf --out posters/
    python -m bot.posters list [--show-notes]
    python -m bot.posters render <code> --languages ro,nl --size A6 --format png --out posters/
    python -m bot.posters retire <code>

The database is FIRSTCONTACT_DATABASE_URL's; the links come from --widget-url /
FIRSTCONTACT_WIDGET_URL and --telegram-bot / FIRSTCONTACT_TELEGRAM_BOT (see links.py).
"""

import argparse
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from cryptography.fernet import InvalidToken

from bot.languages import SUPPORTED_LANGUAGES
from bot.posters import registry
from bot.posters.errors import RETIRED_CODE, UNKNOWN_CODE, PosterError
from bot.posters.links import PosterLinks, links_for, telegram_bot, widget_base
from bot.posters.render import (
    BOLD_FONT,
    FORMATS,
    PAGE_PIXELS,
    REGULAR_FONT,
    check_request,
    font,
    render_poster,
    save_poster,
)

NONE = "none"
NO_TELEGRAM = (
    "No Telegram bot configured (--telegram-bot or FIRSTCONTACT_TELEGRAM_BOT): "
    "the poster shows only the web chat QR code."
)
FEWER_THAN = f"fewer than {registry.MIN_CONVERSATIONS_FOR_STATISTICS}"


def optional_value(value: str) -> Optional[str]:
    return None if value.strip().lower() == NONE else value.strip()


def language_list(value: str) -> List[str]:
    return [part.strip().lower() for part in value.split(",") if part.strip()]


def add_poster_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--languages",
        type=language_list,
        help="poster languages, comma-separated (up to 4 on A4, 2 on A6); "
        "default: the code's language hint",
    )
    parser.add_argument("--size", choices=sorted(PAGE_PIXELS), default="A4")
    parser.add_argument("--format", choices=FORMATS, default="pdf", dest="file_format")
    parser.add_argument("--out", type=Path, required=True, help="directory for the poster file")
    parser.add_argument("--widget-url", help="web chat address (or FIRSTCONTACT_WIDGET_URL)")
    parser.add_argument("--telegram-bot", help="bot username (or FIRSTCONTACT_TELEGRAM_BOT)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.posters", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create", help="make a new poster code and render its poster")
    create.add_argument(
        "--region", required=True, help="region id from bot/knowledge/data/regions.yml, or none"
    )
    create.add_argument(
        "--language",
        required=True,
        choices=[*SUPPORTED_LANGUAGES, NONE],
        help="language hint the conversation starts from, or none",
    )
    create.add_argument(
        "--note", help="where the poster hangs (encrypted; only `list --show-notes`)"
    )
    add_poster_options(create)

    listing = commands.add_parser("list", help="all poster codes")
    listing.add_argument("--show-notes", action="store_true", help="decrypt the placement notes")

    render = commands.add_parser("render", help="render the poster of an existing code again")
    render.add_argument("code")
    add_poster_options(render)

    retire = commands.add_parser("retire", help="retire a code; it no longer resolves")
    retire.add_argument("code")
    return parser


def resolve_links(args: argparse.Namespace, code: str) -> PosterLinks:
    return links_for(code, widget_base(args.widget_url), telegram_bot(args.telegram_bot))


def check_poster_options(args: argparse.Namespace, languages: Sequence[str]) -> None:
    """Everything a poster needs, checked before a code is made so a failure leaves nothing."""
    check_request(languages, args.size, args.file_format)
    widget_base(args.widget_url)
    telegram_bot(args.telegram_bot)
    font(REGULAR_FONT, 10), font(BOLD_FONT, 10)


def write_poster(args: argparse.Namespace, code: str, languages: Sequence[str]) -> None:
    links = resolve_links(args, code)
    print(f"Web chat link: {links.widget}")
    print(f"Telegram link: {links.telegram}" if links.telegram else NO_TELEGRAM)
    page = render_poster(links, languages, args.size)
    name = f"poster-{code}-{args.size}-{'-'.join(languages)}.{args.file_format}"
    path = save_poster(page, args.out / name, args.file_format)
    print(f"Poster written: {path}")


def poster_languages(args: argparse.Namespace, hint: Optional[str]) -> List[str]:
    return list(args.languages) if args.languages else ([hint] if hint else [])


def create(args: argparse.Namespace) -> None:
    region, language = optional_value(args.region), optional_value(args.language)
    if region is not None and region not in registry.known_regions():
        choices = ", ".join(sorted(registry.known_regions()))
        raise PosterError(f"Unknown region {region!r}; choose one of: {choices} or {NONE}.")
    languages = poster_languages(args, language)
    check_poster_options(args, languages)
    code = registry.create_code(region, language, placement_note=args.note)
    print(f"Poster code: {code} (region: {region or NONE}, language hint: {language or NONE})")
    try:
        write_poster(args, code, languages)
    except Exception:
        registry.retire_code(code)  # a code without a poster must not stay active
        print(f"The poster could not be made; code {code} was retired.", file=sys.stderr)
        raise


def render(args: argparse.Namespace) -> None:
    poster = registry.find_code(args.code)
    if poster is None:
        raise PosterError(UNKNOWN_CODE.format(code=args.code))
    if poster.retired:
        raise PosterError(RETIRED_CODE.format(code=args.code))
    languages = poster_languages(args, poster.language)
    check_poster_options(args, languages)
    write_poster(args, poster.code, languages)


def retire(args: argparse.Namespace) -> None:
    if not registry.retire_code(args.code):
        poster = registry.find_code(args.code)
        message = RETIRED_CODE if poster is not None else UNKNOWN_CODE
        raise PosterError(message.format(code=args.code))
    print(
        f"Retired {args.code}: it no longer gives a region or language hint and is not counted. "
        "A scan still opens the chat, without them."
    )


def note_text(poster: registry.PosterSummary) -> str:
    try:
        return poster.placement_note() or "-"
    except InvalidToken:
        return "(cannot be decrypted with the current keys)"


def list_posters(args: argparse.Namespace) -> None:
    posters = registry.list_codes()
    if not posters:
        print("No poster codes yet.")
        return
    header = ["code", "region", "language", "created", "status", "conversations"]
    rows = [
        [
            p.code,
            p.region or NONE,
            p.language or NONE,
            p.created_at.strftime("%Y-%m-%d"),
            "retired" if p.retired else "active",
            str(p.conversations) if p.conversations is not None else FEWER_THAN,
        ]
        for p in posters
    ]
    if args.show_notes:
        header.append("placement note")
        for row, poster in zip(rows, posters, strict=True):
            row.append(note_text(poster))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


COMMANDS = {"create": create, "list": list_posters, "render": render, "retire": retire}


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except (PosterError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
