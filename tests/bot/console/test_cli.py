import subprocess
import sys

from bot.console.auth import verify_password
from bot.handover.models import Worker
from bot.store.database import session_scope
from tests.support.servers import ROOT


def run(tmp_path, *args, password):
    env = {
        "FIRSTCONTACT_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.console", "create-account", *args],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_the_first_coordinator_account_is_created_from_the_command_line(tmp_path):
    done = run(
        tmp_path, "--username", "Cora", "--role", "coordinator", password="a long passphrase"
    )
    assert done.returncode == 0, done.stderr
    assert "a long passphrase" not in done.stdout + done.stderr
    with session_scope(f"sqlite:///{tmp_path / 'db.sqlite'}") as session:
        account = session.query(Worker).filter_by(username="cora").one()
        assert account.role == "coordinator"
        assert verify_password(account.password_hash, "a long passphrase")


def test_languages_are_kept_and_unknown_ones_refused(tmp_path):
    done = run(
        tmp_path,
        "--username",
        "ioana",
        "--role",
        "peer",
        "--languages",
        "ro,en",
        password="another long one",
    )
    assert done.returncode == 0
    with session_scope(f"sqlite:///{tmp_path / 'db.sqlite'}") as session:
        assert session.query(Worker).filter_by(username="ioana").one().languages == "ro,en"
    bad = run(
        tmp_path,
        "--username",
        "x",
        "--role",
        "peer",
        "--languages",
        "xx",
        password="another long one",
    )
    assert bad.returncode != 0


def test_a_weak_password_or_a_taken_name_is_refused(tmp_path):
    weak = run(tmp_path, "--username", "anna", "--role", "worker", password="short")
    assert weak.returncode == 2 and "12" in weak.stderr
    run(tmp_path, "--username", "anna", "--role", "worker", password="a long passphrase")
    taken = run(tmp_path, "--username", "ANNA", "--role", "worker", password="a long passphrase")
    assert taken.returncode == 2 and "taken" in taken.stderr
