"""The workshop app: ``digistrat app`` serves Mesa's SolaraViz on loopback.

It is a face, like the command line: it builds parameters from the levers with
:func:`digistrat.replace_path` and runs the model through the public API. It needs
the optional ``app`` extra (``pip install 'digistrat[app]'``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import AppError

__all__ = ["AppError", "serve"]


def serve(port: int = 8765, baseline: Path | None = None, host: str = "127.0.0.1") -> int:
    """Serve the app until Ctrl-C; return the exit code.

    Raises:
        AppError: if the app extra is missing, the port is taken or the server does not start.
        ScenarioError: if the baseline scenario file is bad.
    """
    try:
        from .server import AppServer
    except ImportError as exc:
        raise AppError(
            f"the app needs the 'app' extra ({exc.name} is missing): pip install 'digistrat[app]'"
        ) from None
    server = AppServer(host, port, baseline)
    try:
        seconds = server.start()
        print(
            f"digistrat app: serving at {server.url} (started in {seconds:.1f} s); Ctrl-C stops it",
            flush=True,
        )
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        print(f"digistrat app: stopped in {server.stop():.1f} s", flush=True)
    return 0
