"""Passwords (argon2), session tokens, CSRF tokens and login rate limits."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import defaultdict, deque
from functools import lru_cache
from typing import TYPE_CHECKING

from vitk.errors import InputError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

__all__ = [
    "LoginRateLimiter",
    "check_password",
    "csrf_token",
    "hash_password",
    "hash_token",
    "new_token",
    "validate_credentials",
]

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """argon2id hash of ``password``."""
    return _hasher().hash(password)


def check_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches ``password_hash`` (False for an empty hash)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if not password_hash:
        # Spend the same time as a real check so unknown usernames are not revealed.
        _hasher().hash(password)
        return False
    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def validate_credentials(username: str, password: str) -> dict[str, str]:
    """Field errors for a new account (empty if both are acceptable)."""
    errors: dict[str, str] = {}
    if not USERNAME_RE.match(username or ""):
        errors["username"] = (
            "Username must be 3–64 characters: letters, digits, '_', '.' or '-'; "
            f"got {len(username or '')} characters."
        )
    elif username.lower() == "local":
        errors["username"] = "Username 'local' is reserved; choose another."
    if not (MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD):
        errors["password"] = (
            f"Password must be {MIN_PASSWORD}–{MAX_PASSWORD} characters; got {len(password or '')}."
        )
    return errors


def new_token() -> str:
    """A random URL-safe token (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """SHA-256 hex digest of a session token (what the database stores)."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(secret: bytes, *parts: str) -> str:
    """HMAC of the client's CSRF cookie (and session token) under the app secret."""
    return hmac.new(secret, "|".join(parts).encode(), hashlib.sha256).hexdigest()


def tokens_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class LoginRateLimiter:
    """At most ``max_failures`` failed logins per key within ``window_s`` seconds."""

    def __init__(self, max_failures: int = 5, window_s: float = 300.0) -> None:
        if max_failures < 1 or window_s <= 0:
            raise InputError("max_failures must be ≥ 1 and window_s > 0.")
        self.max_failures = max_failures
        self.window_s = window_s
        self._fails: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._fails[key]
        while q and now - q[0] > self.window_s:
            q.popleft()
        return q

    def retry_after(self, *keys: str) -> int:
        """Seconds until a login may be tried again (0 if allowed now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key in keys:
                q = self._prune(key, now)
                if len(q) >= self.max_failures:
                    wait = max(wait, self.window_s - (now - q[0]))
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._prune(key, now).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)
