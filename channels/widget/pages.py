"""The widget's files and the headers every widget response carries."""

from pathlib import Path
from typing import Dict, Optional

from sanic.response import HTTPResponse, raw

STATIC_DIR = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

SECURITY_HEADERS: Dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}

# Only these files are served; nothing else under static/ (or outside it) can be asked for.
ASSETS = ("widget.js", "strings.js", "widget.css", "away.css", "icon.svg")


def secured(response: HTTPResponse) -> HTTPResponse:
    response.headers.update(SECURITY_HEADERS)
    return response


def file_response(name: str, status: int = 200) -> HTTPResponse:
    path = STATIC_DIR / name
    return secured(raw(path.read_bytes(), status=status, content_type=CONTENT_TYPES[path.suffix]))


def asset_response(name: str) -> Optional[HTTPResponse]:
    return file_response(name) if name in ASSETS else None


def not_found() -> HTTPResponse:
    return secured(raw(b"Not found", status=404, content_type="text/plain; charset=utf-8"))
