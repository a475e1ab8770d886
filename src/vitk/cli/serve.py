"""``vitk serve``: run the local web app (http://127.0.0.1:8000 by default)."""

from __future__ import annotations

import errno
import ipaddress
import socket

import click

__all__ = ["bind_socket", "is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (not yet listening), as uvicorn binds it.

    Raises
    ------
    InputError
        One line when the port is taken or the address cannot be used, e.g. ``port 8811
        on 127.0.0.1 is already in use; choose another with --port``.
    """
    from vitk.errors import InputError

    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bare, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} on {host} is already in use; choose another with --port."
            ) from None
        if exc.errno == errno.EACCES:
            raise InputError(
                f"no permission to listen on port {port} on {host}; choose a port ≥ 1024 "
                "with --port."
            ) from None
        reason = exc.strerror or str(exc)
        raise InputError(
            f"cannot listen on {host} port {port}: {reason}; check --host and --port."
        ) from None
    sock.set_inheritable(True)
    return sock


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--db",
    "db_url",
    envvar="VITK_DATABASE_URL",
    default=None,
    metavar="URL",
    help="Database URL (env VITK_DATABASE_URL); default SQLite in the user data folder.",
)
@click.option(
    "--multi-user",
    is_flag=True,
    help="Accounts with login (required to bind a non-loopback address).",
)
@click.option(
    "--insecure-cookies",
    is_flag=True,
    help="Multi-user mode without HTTPS: do not mark cookies Secure.",
)
def serve(
    host: str, port: int, db_url: str | None, multi_user: bool, insecure_cookies: bool
) -> None:
    """Run the local web app: profile, diary, dashboard, report, simulator and data export.

    Single-user mode (the default) has no login and only listens on this computer.
    """
    from vitk.errors import InputError

    if not multi_user and not is_loopback(host):
        raise InputError(
            f"Refusing to bind '{host}' without --multi-user: single-user mode has no login. "
            "Use --host 127.0.0.1, or add --multi-user."
        )
    import uvicorn

    from vitk.web.app import LOOPBACK_HOSTS, create_app

    # As it appears in a URL and in the Host header: IPv6 literals in brackets.
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    # Bound before anything is printed, and handed to uvicorn: no race, no uvicorn traceback.
    sock = bind_socket(host, port)
    try:
        app = create_app(
            db_url,
            multi_user=multi_user,
            secure_cookies=(False if insecure_cookies else None),
            allowed_hosts=None if multi_user else [*LOOPBACK_HOSTS, shown],
        )
        click.echo(f"vitk web app on http://{shown}:{port} (Ctrl+C to stop)", err=True)
        config = uvicorn.Config(
            app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False
        )
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
