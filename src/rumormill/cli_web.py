"""``rumormill serve``: run the local web app (FastAPI + uvicorn), bound to 127.0.0.1 by default."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from typing import Any

from rumormill.errors import RumormillError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from rumormill.web.app import create_app
    except ImportError as exc:
        raise RumormillError(f"the web app needs the [web] extra (pip install 'rumormill[web]'): {exc}") from exc
    if not 0 < args.port < 65536:
        raise RumormillError(f"not a port number: {args.port}")
    allowed = None
    if args.host in LOOPBACK:
        allowed = ["127.0.0.1", "localhost", "[::1]", f"127.0.0.1:{args.port}", f"localhost:{args.port}"]
    elif args.host in ("0.0.0.0", "::"):
        print(f"rumormill: warning: serving on {args.host}: the app has no login; anyone who can reach "
              f"this port can read the store and add articles", file=sys.stderr)
    _check_free(args.host, args.port)
    app = create_app(args.db, max_bytes=args.max_bytes, allowed_hosts=allowed)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"rumormill: serving on http://{shown}:{args.port}/ (store: {args.db or 'none'}); Ctrl-C stops",
          file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    except OSError as exc:
        raise RumormillError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    return 0


def _check_free(host: str, port: int) -> None:
    """Fail with one line when the address cannot be bound (uvicorn itself would exit with a log record)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise RumormillError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise RumormillError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def register(sub: Any) -> None:
    from rumormill.ingest import DEFAULT_MAX_BYTES

    p = sub.add_parser("serve", help="run the local web app (paste/upload, stored articles, stories, JSON API)")
    p.add_argument("--db", default=os.environ.get("RUMORMILL_DB") or "rumormill.db",
                   help="the store to open or create (default: $RUMORMILL_DB or ./rumormill.db)")
    p.add_argument("--no-store", dest="db", action="store_const", const=None,
                   help="keep nothing: analyse and show only")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="upload size limit in bytes")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=cmd_serve)
