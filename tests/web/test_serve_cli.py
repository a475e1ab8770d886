"""``vitk serve`` refuses to expose single-user mode beyond this computer."""

from __future__ import annotations

import pytest

from vitk.cli.serve import is_loopback


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_host_needs_multi_user(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    from vitk.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["serve", "--host", host, "--port", "1"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Refusing to bind" in err and "--multi-user" in err
    assert "Traceback" not in err


def test_serve_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    from vitk.cli.main import main

    main(["--help"])
    assert "serve" in capsys.readouterr().out


def test_port_in_use_is_one_line_and_exit_2(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    from vitk.cli.main import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exc:
            main(["serve", "--port", str(port)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err == (
        f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port.\n"
    )


def test_bind_socket_hands_uvicorn_a_bound_socket() -> None:
    from vitk.cli.serve import bind_socket

    sock = bind_socket("127.0.0.1", 0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1" and sock.getsockname()[1] > 0
    finally:
        sock.close()
