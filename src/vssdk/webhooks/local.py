"""A webhook receiver on 127.0.0.1 for development, examples and tests (standard library only).

::

    with LocalReceiver() as receiver:
        sub = client.webhooks.create(url=receiver.url, events=["linked_application.*"])
        receiver.secret = sub.secret
        ...
        receiver.events      # verified events, each event id once

It answers 2xx for a verified event (also for a repeat, which is not processed again), 400 for a
bad signature, 503 while ``outage`` is set (to watch the sender retry) and 500 when ``handler``
raises. Not for production: use your web framework with :class:`WebhookReceiver`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

from vssdk.webhooks.errors import WebhookSignatureError
from vssdk.webhooks.models import WebhookEvent
from vssdk.webhooks.receiver import WebhookReceiver

__all__ = ["LocalReceiver"]


class LocalReceiver:
    """Serve ``POST <path>`` on a free loopback port in a background thread."""

    def __init__(
        self,
        handler: Callable[[WebhookEvent], None] | None = None,
        *,
        secret: str | None = None,
        path: str = "/vss-events",
        tolerance: int = 300,
    ) -> None:
        self.secret = secret
        self.path = path
        self.outage = False
        self.events: list[WebhookEvent] = []
        self.statuses: list[int] = []
        self._handler = handler
        self._tolerance = tolerance
        self._receiver: WebhookReceiver | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._request_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="vssdk-webhook-receiver", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{self.path}"

    def _process(self, event: WebhookEvent) -> None:
        if self._handler is not None:
            self._handler(event)
        self.events.append(event)

    def _answer(self, body: bytes, header: str | None) -> int:
        if self.outage:
            return 503
        with self._lock:
            if self.secret is None:
                return 503  # not configured yet: the sender will retry
            if self._receiver is None:
                self._receiver = WebhookReceiver(
                    self.secret, self._process, tolerance=self._tolerance
                )
            receiver = self._receiver
        try:
            received = receiver.receive(body, header)
        except WebhookSignatureError:
            return 400
        except Exception:  # the handler failed: 500, so the event comes again
            return 500
        return 503 if received.busy else 200

    def _request_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class _Request(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                if self.path != owner.path:
                    status = 404
                else:
                    status = owner._answer(body, self.headers.get("x-vss-signature"))
                owner.statuses.append(status)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        return _Request

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
