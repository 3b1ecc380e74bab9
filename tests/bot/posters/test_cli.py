"""The poster command run as a coordinator runs it: a subprocess on a throw-away database."""

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode

from bot.posters.links import TELEGRAM_BOT_ENV, WIDGET_URL_ENV
from bot.posters.registry import MIN_CONVERSATIONS_FOR_STATISTICS, hint_for, record_visit
from bot.privacy.keys import LOCAL_KEY_DIR_ENV
from bot.store.database import DATABASE_URL_ENV

WIDGET = "https://chat.example.org/webhooks/widget/"
NOTE = "Hotel Zonneveld, room 12 corridor"
CREATE = f"create --region amsterdam --language ro --languages ro,nl --widget-url {WIDGET}"


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'posters.sqlite'}"


@pytest.fixture
def poster(tmp_path, db):
    """Runs `python -m bot.posters <command>` with this test's database and keys."""

    def run(
        command: str, *extra: str, check: bool = True, env: Optional[dict] = None
    ) -> subprocess.CompletedProcess:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTCONTACT_")}
        environment.update({DATABASE_URL_ENV: db, LOCAL_KEY_DIR_ENV: str(tmp_path / "keys")})
        environment.update(env or {})
        result = subprocess.run(
            [sys.executable, "-m", "bot.posters", *shlex.split(command), *extra],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


def created_code(output: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith("Poster code: "))
    return line.split()[2]


def written_file(output: str) -> Path:
    line = next(line for line in output.splitlines() if line.startswith("Poster written: "))
    return Path(line.split(": ", 1)[1])


def links_in(path: Path) -> set:
    return {s.data.decode() for s in decode(Image.open(path), symbols=[ZBarSymbol.QRCODE])}


def listed_row(output: str, code: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(code))


@pytest.mark.parametrize("size", ["A4", "A6"])
def test_create_renders_a_poster_whose_codes_lead_to_both_links(poster, db, tmp_path, size):
    result = poster(f"{CREATE} --telegram-bot FirstContactBot --size {size} --format png --out out")
    code = created_code(result.stdout)
    path = tmp_path / written_file(result.stdout)
    assert path.parent == tmp_path / "out" and path.suffix == ".png"
    assert Image.open(path).size == {"A4": (2480, 3508), "A6": (1240, 1748)}[size]
    assert links_in(path) == {f"{WIDGET}?p={code}", f"https://t.me/FirstContactBot?start={code}"}
    hint = hint_for(code, database_url=db)
    assert (hint.region, hint.language) == ("amsterdam", "ro")


def test_without_a_telegram_bot_the_poster_has_the_widget_code_only_and_says_so(poster, tmp_path):
    result = poster(f"{CREATE} --format png --out out")
    code = created_code(result.stdout)
    assert "No Telegram bot configured" in result.stdout
    assert links_in(tmp_path / written_file(result.stdout)) == {f"{WIDGET}?p={code}"}


def test_the_placement_note_is_shown_only_on_request_and_never_stored_in_clear(
    poster, db, tmp_path
):
    code = created_code(poster(f"{CREATE} --out out", "--note", NOTE).stdout)
    listing = poster("list").stdout
    assert code in listing and "amsterdam" in listing and "Zonneveld" not in listing
    assert NOTE in listed_row(poster("list --show-notes").stdout, code)
    assert b"Zonneveld" not in (tmp_path / "posters.sqlite").read_bytes()
    assert "Zonneveld" not in repr(hint_for(code, database_url=db))


def test_statistics_are_shown_only_from_five_conversations(poster, db):
    code = created_code(poster(f"{CREATE} --out out").stdout)
    for _ in range(MIN_CONVERSATIONS_FOR_STATISTICS - 1):
        record_visit(code, database_url=db)
    assert listed_row(poster("list").stdout, code).endswith("fewer than 5")
    record_visit(code, database_url=db)
    row = listed_row(poster("list").stdout, code)
    assert "fewer than" not in row and row.split()[-1] == "5"


def test_render_makes_a_pdf_of_an_existing_code_again(poster, tmp_path):
    code = created_code(poster(f"{CREATE} --out out").stdout)
    result = poster(f"render {code} --size A6 --format pdf --out again --widget-url {WIDGET}")
    path = tmp_path / written_file(result.stdout)
    assert path.read_bytes().startswith(b"%PDF-") and code in path.name
    assert path.name.endswith("A6-ro.pdf")  # the code's language hint without --languages


def test_a_retired_code_no_longer_resolves_and_is_not_rendered(poster, db):
    code = created_code(poster(f"{CREATE} --out out").stdout)
    poster(f"retire {code}")
    assert hint_for(code, database_url=db) is None
    assert "retired" in listed_row(poster("list").stdout, code)
    again = poster(f"render {code} --out out --widget-url {WIDGET}", check=False)
    assert again.returncode == 2 and "retired" in again.stderr
    assert poster(f"retire {code}", check=False).returncode == 2


def test_an_unknown_region_is_refused_and_no_code_is_made(poster):
    command = (
        f"create --region atlantis --language nl --languages nl --out out --widget-url {WIDGET}"
    )
    result = poster(command, check=False)
    assert result.returncode == 2 and "atlantis" in result.stderr
    assert "rotterdam_rijnmond" in result.stderr  # the choices are listed
    assert "No poster codes yet." in poster("list").stdout


@pytest.mark.parametrize(
    "problem",
    [
        "--languages nl --widget-url http://insecure.example.org/",
        f"--languages nl --widget-url {WIDGET} --telegram-bot not-a-bot",
        f"--languages nl,en,ro --size A6 --widget-url {WIDGET}",
        f"--languages nl,de --widget-url {WIDGET}",
        f"--widget-url {WIDGET}",  # no poster language and no language hint
    ],
)
def test_a_poster_that_cannot_be_made_leaves_no_code(poster, problem):
    result = poster(f"create --region none --language none --out out {problem}", check=False)
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    assert "No poster codes yet." in poster("list").stdout


def test_region_and_language_can_be_none(poster, db):
    command = f"create --region none --language none --languages bg --out out --widget-url {WIDGET}"
    hint = hint_for(created_code(poster(command).stdout), database_url=db)
    assert (hint.region, hint.language) == (None, None)


def test_the_links_can_come_from_the_environment(poster, tmp_path):
    settings = {WIDGET_URL_ENV: WIDGET, TELEGRAM_BOT_ENV: "FirstContactBot"}
    command = "create --region utrecht --language nl --languages nl --format png --out out"
    result = poster(command, env=settings)
    code = created_code(result.stdout)
    assert links_in(tmp_path / written_file(result.stdout)) == {
        f"{WIDGET}?p={code}",
        f"https://t.me/FirstContactBot?start={code}",
    }
