"""A real SMTP server on localhost (aiosmtpd) that records messages and can refuse chosen addresses."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RecordingHandler:
    # address -> SMTP reply for RCPT TO, e.g. {"busy@x": "451 4.3.0 Try again later"}
    replies: dict[str, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    greetings: int = 0  # one EHLO per SMTP connection
    # Addresses whose DATA drops the connection without a reply (the server dies mid-batch).
    drop_on: set[str] = field(default_factory=set)
    # Called with the address when its DATA arrives, before the reply (e.g. to signal the client).
    on_data: Callable[[str], None] | None = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.greetings += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0].lower() if envelope.rcpt_tos else ""
        if self.on_data is not None:
            self.on_data(address)
        if address in self.drop_on:
            server.transport.close()
            return "421 4.3.2 Going away"  # never reaches the client: the connection is already closed
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        with self.lock:
            return [msg["To"] for msg in self.messages]


class SmtpServer:
    def __init__(self, replies: dict[str, str] | None = None) -> None:
        self.handler = RecordingHandler(replies=dict(replies or {}))
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
