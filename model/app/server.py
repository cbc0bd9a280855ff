"""Start and stop the app's web server: uvicorn in a thread of this process, on loopback.

Solara reads its settings from the environment when it is first imported, so they
are set here before that: the page is this package's :mod:`.page` (by module name,
so that a test in this process reaches the same sessions), no telemetry, and a CDN
address on loopback that fails at once, so that a missing browser file can never be
fetched from the internet (``solara-assets`` ships them all).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
import warnings
from pathlib import Path

from .errors import AppError
from .workshop import BASE

PAGE = "digistrat.app.page"
SETTINGS = {
    "SOLARA_APP": PAGE,
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/",
    "SOLARA_CHECK_HOOKS": "off",
}
for _key, _value in SETTINGS.items():
    os.environ.setdefault(_key, _value)
# solara warns on every page load over plain http on 127.0.0.1; nothing is wrong
warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")

import uvicorn  # noqa: E402  (after the settings above)

START_TIMEOUT = 60.0  # seconds until the page must answer
STOP_TIMEOUT = 10.0


class AppServer:
    """The app's server on ``host:port``; :meth:`start` and :meth:`stop` it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8765, baseline: Path | None = None):
        self.host, self.port, self.baseline = host, port, baseline
        self.url = f"http://{host}:{port}/"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = START_TIMEOUT) -> float:
        """Start serving; return the seconds until the page answered.

        Raises:
            AppError: if the port is taken, or the page does not answer within ``timeout``.
        """
        t0 = time.monotonic()
        if self.baseline is not None:
            from ..scenario import load_scenario

            BASE["params"] = load_scenario(self.baseline).params
        if not _free(self.host, self.port):
            raise AppError(f"port {self.port} on {self.host} is in use; choose another with --port")
        os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = self.host, str(self.port)
        import solara.server.starlette  # noqa: F401  (loads the page named by SOLARA_APP)

        config = uvicorn.Config(
            "solara.server.starlette:app",
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            loop="asyncio",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="digistrat-app", daemon=True)
        self._thread.start()
        while time.monotonic() - t0 < timeout:
            if not self._thread.is_alive():
                raise AppError(f"the app's server stopped while starting on {self.url}")
            if self._server.started and _answers(self.url):
                return time.monotonic() - t0
            time.sleep(0.05)
        self.stop()
        raise AppError(f"the app did not answer at {self.url} within {timeout:.0f} s")

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C raises KeyboardInterrupt here)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def stop(self, timeout: float = STOP_TIMEOUT) -> float:
        """Stop serving, closing the sessions; return the seconds it took.

        Raises:
            AppError: if the server thread does not end within ``timeout`` (and 5 s more).
        """
        if self._server is None or self._thread is None:
            return 0.0
        t0 = time.monotonic()
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(5)
        if self._thread.is_alive():
            raise AppError(f"the app's server at {self.url} did not stop")
        self._server = self._thread = None
        return time.monotonic() - t0

    @property
    def running(self) -> bool:
        """Whether the server thread is alive."""
        return self._thread is not None and self._thread.is_alive()


def _free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    try:
        with opener.open(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False
