"""Passwords (argon2), server-side sessions, CSRF tokens and the in-memory login rate limit."""

import datetime as dt
import hashlib
import hmac
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Deque, Dict, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from bot.console.config import ConsoleConfig
from bot.console.models import UI_LANGUAGES, ConsoleSession
from bot.handover.models import ROLES, Worker, utcnow

MIN_PASSWORD_LENGTH = 12
USERNAME_MAX_LENGTH = 64
TOUCH_INTERVAL = dt.timedelta(seconds=30)

_hasher = PasswordHasher()
# verified against when the username is unknown, so both cases take the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class WeakPassword(ValueError):
    pass


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(set(password)) < 5:
        raise WeakPassword("a password needs more different characters")


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def verify_password(password_hash: Optional[str], password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalise_username(username: str) -> str:
    return username.strip().lower()[:USERNAME_MAX_LENGTH]


def create_account(
    session: Session, username: str, password: str, role: str, languages: str = ""
) -> Worker:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    name = normalise_username(username)
    if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise ValueError("a username uses letters, digits, '.', '-' and '_' only")
    if session.query(Worker).filter(Worker.username == name).first():
        raise ValueError("that username is taken")
    worker = Worker(
        username=name, password_hash=hash_password(password), role=role, languages=languages
    )
    session.add(worker)
    session.flush()
    return worker


def authenticate(session: Session, username: str, password: str) -> Optional[Worker]:
    worker = session.query(Worker).filter(Worker.username == normalise_username(username)).first()
    ok = verify_password(worker.password_hash if worker else None, password)
    if not (ok and worker and worker.active):
        return None
    if _hasher.check_needs_rehash(worker.password_hash):
        worker.password_hash = _hasher.hash(password)
    return worker


# ---------------------------------------------------------------- sessions


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(token: str) -> str:
    """Derived from the session token, so the database (which holds only its hash) cannot."""
    return hmac.new(token.encode(), b"console-csrf", hashlib.sha256).hexdigest()


def csrf_matches(expected: str, given: Optional[str]) -> bool:
    return bool(given) and hmac.compare_digest(expected, given or "")


def start_session(
    session: Session, worker: Worker, ui_language: str, previous_token: Optional[str]
) -> str:
    """A fresh token at every login; whatever token the browser had before stops working."""
    if previous_token:
        end_session(session, previous_token)
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            token_hash=token_hash(token),
            worker_id=worker.id,
            ui_language=ui_language if ui_language in UI_LANGUAGES else "nl",
        )
    )
    session.flush()
    return token


def end_session(session: Session, token: str) -> None:
    session.query(ConsoleSession).filter(ConsoleSession.token_hash == token_hash(token)).delete()


def end_sessions_of(session: Session, worker_id: int) -> None:
    session.query(ConsoleSession).filter(ConsoleSession.worker_id == worker_id).delete()


def load_session(
    session: Session, token: str, config: ConsoleConfig, now: Optional[dt.datetime] = None
) -> Optional[Tuple[ConsoleSession, Worker]]:
    """The live session of a token, touched; None (and deleted) when expired or inactive."""
    now = now or utcnow()
    row = (
        session.query(ConsoleSession).filter(ConsoleSession.token_hash == token_hash(token)).first()
    )
    if row is None:
        return None
    worker = session.get(Worker, row.worker_id)
    idle = now - row.last_seen_at > dt.timedelta(minutes=config.idle_timeout_minutes)
    old = now - row.created_at > dt.timedelta(hours=config.absolute_timeout_hours)
    if idle or old or worker is None or not worker.active:
        session.delete(row)
        return None
    if now - row.last_seen_at > TOUCH_INTERVAL:  # not a database write on every 500 ms poll
        row.last_seen_at = now
    return row, worker


# ---------------------------------------------------------------- login rate limit


@dataclass
class LoginLimiter:
    """Failed logins per username and per client address, in memory only, in a sliding window."""

    per_username: int
    per_address: int
    window_seconds: float

    def __post_init__(self) -> None:
        self._failures: Dict[str, Deque[float]] = defaultdict(deque)

    @classmethod
    def from_config(cls, config: ConsoleConfig) -> "LoginLimiter":
        return cls(
            config.login_failures_per_username,
            config.login_failures_per_address,
            config.login_window_minutes * 60,
        )

    def _keys(self, username: str, address: str) -> Tuple[Tuple[str, int], Tuple[str, int]]:
        # hashed, so not even memory holds a readable list of usernames or addresses
        return (
            ("u:" + token_hash(normalise_username(username)), self.per_username),
            ("a:" + token_hash(address), self.per_address),
        )

    def _recent(self, key: str, now: float) -> Deque[float]:
        failures = self._failures[key]
        while failures and now - failures[0] > self.window_seconds:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    def blocked(self, username: str, address: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        return any(len(self._recent(k, now)) >= limit for k, limit in self._keys(username, address))

    def failed(self, username: str, address: str, now: Optional[float] = None) -> None:
        now = time.monotonic() if now is None else now
        for key, _limit in self._keys(username, address):
            self._failures[key].append(now)
