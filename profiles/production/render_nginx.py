"""Render nginx.conf.template (next to this file) for the Rasa replicas behind the proxy:

    python profiles/production/render_nginx.py --listen 8080 \\
        --upstream 127.0.0.1:5005 --upstream 127.0.0.1:5006 > firstcontact.conf

The output goes into nginx's `http {}` block (Debian: /etc/nginx/conf.d/). docs/deployment.md.
"""

import argparse
import re
import sys
from pathlib import Path
from typing import List, Optional, Sequence

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
DEFAULT_ERROR_LOG = "/var/log/nginx/firstcontact.error.log"
_ADDRESS = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$")
_PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")


def render(
    listen: str,
    upstreams: Sequence[str],
    error_log: str = DEFAULT_ERROR_LOG,
    template: Optional[str] = None,
) -> str:
    """The template with its placeholders filled; ValueError for a malformed value."""
    if not re.fullmatch(r"[0-9A-Za-z.:\[\]]+", listen):
        raise ValueError(f"not a listen address: {listen!r}")
    if not upstreams:
        raise ValueError("at least one --upstream is needed")
    for address in upstreams:
        if not _ADDRESS.match(address):
            raise ValueError(f"not a host:port: {address!r}")
    if not error_log or any(c.isspace() or c in ";{}" for c in error_log):
        raise ValueError(f"not a log path: {error_log!r}")
    text = TEMPLATE.read_text() if template is None else template
    values = {
        "{{LISTEN_PORT}}": listen,
        "{{UPSTREAMS}}": "\n".join(f"    server {address};" for address in upstreams),
        "{{ERROR_LOG}}": error_log,
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    left = _PLACEHOLDER.findall(text)
    if left:
        raise ValueError(f"placeholders left unfilled: {', '.join(sorted(set(left)))}")
    return text


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="port, or address:port, nginx listens on")
    parser.add_argument(
        "--upstream",
        action="append",
        required=True,
        metavar="HOST:PORT",
        help="a Rasa replica (repeat for each)",
    )
    parser.add_argument("--error-log", default=DEFAULT_ERROR_LOG, help="nginx's error log file")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.listen, args.upstream, args.error_log))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
