"""Real servers on 127.0.0.1 for the exchange tests, started and stopped by the tests:
WebDAV (wsgidav under cheroot), SMTP (aiosmtpd), a webhook receiver (http.server), and a TCP
proxy that cuts connections at chosen byte offsets."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import random
import socket
import struct
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from aiosmtpd.controller import Controller
from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp

DAV_USER, DAV_PASSWORD = "alice", "dav password 7Q"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FaultyApp:
    """WSGI middleware: answers 503 to the requests whose numbers are in `fail`."""

    def __init__(self, app, fail: set[int] | None = None) -> None:
        self.app = app
        self.fail = fail or set()
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
            number = self.count
        if number in self.fail:
            environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            start_response("503 Service Unavailable", [("Content-Length", "0")])
            return [b""]
        return self.app(environ, start_response)


class WebDavServer:
    def __init__(self, root: Path, port: int | None = None, fail: set[int] | None = None) -> None:
        self.root = root
        self.port = port or free_port()
        config = {
            "host": "127.0.0.1",
            "port": self.port,
            "provider_mapping": {"/dav": str(root)},
            "simple_dc": {"user_mapping": {"*": {DAV_USER: {"password": DAV_PASSWORD}}}},
            "http_authenticator": {
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
            },
            "verbose": 0,
            "logging": {"enable": False, "enable_loggers": []},
            "lock_storage": True,
            "property_manager": True,
        }
        self.app = FaultyApp(WsgiDAVApp(config), fail)
        self.server = wsgi.Server(("127.0.0.1", self.port), self.app, numthreads=16, timeout=2)
        self.server.prepare()
        self.thread = threading.Thread(target=self.server.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/dav/"

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(5)


@dataclass
class Mailbox:
    messages: list = field(default_factory=list)
    refuse_first: int = 0  # answer 451 to this many messages first
    seen: int = 0


class _MailHandler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.box.seen += 1
        if self.box.seen <= self.box.refuse_first:
            return "451 4.3.0 Try again later"
        self.box.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made here for a loopback TLS server."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class SmtpServer:
    def __init__(
        self,
        refuse_first: int = 0,
        tls_folder: Path | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.box = Mailbox(refuse_first=refuse_first)
        self.port = free_port()
        self.logins: list[str] = []
        options: dict = {}
        if tls_folder is not None:
            import ssl

            self.cert, key = self_signed(tls_folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.cert, key)
            options.update(tls_context=context, require_starttls=True)
        if login is not None:
            from aiosmtpd.smtp import AuthResult, LoginPassword

            def authenticate(server, session, envelope, mechanism, data):
                ok = (
                    isinstance(data, LoginPassword)
                    and (data.login.decode(), data.password.decode()) == login
                )
                if ok:
                    self.logins.append(data.login.decode())
                return AuthResult(success=ok)

            options.update(authenticator=authenticate, auth_require_tls=tls_folder is not None)
        self.controller = Controller(
            _MailHandler(self.box), hostname="127.0.0.1", port=self.port, **options
        )
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class Hooks:
    secret: str
    fail_first: int = 0
    seen: int = 0
    by_key: dict = field(default_factory=dict)  # idempotency key -> body (stored once)
    bad_signatures: int = 0
    paths: list = field(default_factory=list)  # the request paths with their queries


class WebhookServer:
    def __init__(self, secret: str, fail_first: int = 0) -> None:
        hooks = self.hooks = Hooks(secret, fail_first)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hooks.seen += 1
                hooks.paths.append(self.path)
                if hooks.seen <= hooks.fail_first:
                    self.send_response(500)
                    self.end_headers()
                    return
                expected = (
                    "sha256=" + hmac.new(hooks.secret.encode(), body, hashlib.sha256).hexdigest()
                )
                if not hmac.compare_digest(
                    expected, self.headers.get("X-HirePartner-Signature", "")
                ):
                    hooks.bad_signatures += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                hooks.by_key.setdefault(self.headers["Idempotency-Key"], body)
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/hirepartner"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class CuttingProxy:
    """Forwards TCP to `upstream`; the first `cuts` connections are reset after a random number
    of bytes from the client (as a dying network or a killed server would)."""

    def __init__(self, upstream_port: int, cuts: int, seed: int = 1, most: int = 4000) -> None:
        self.upstream = upstream_port
        self.cuts_left = cuts
        self.cut_at: list[int] = []
        self.rng = random.Random(seed)
        self.most = most
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            limit = None
            if self.cuts_left > 0:
                self.cuts_left -= 1
                limit = self.rng.randint(1, self.most)
                self.cut_at.append(limit)
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self._pipe, args=(client, upstream, limit), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, None), daemon=True).start()

    @staticmethod
    def _reset(*sockets: socket.socket) -> None:
        for s in sockets:
            try:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
            except OSError:
                pass

    def _pipe(self, source: socket.socket, sink: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) >= limit:
                    sink.sendall(data[: max(0, limit - sent)])
                    self._reset(source, sink)
                    return
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        self._reset(source, sink)

    def stop(self) -> None:
        self.running = False
        self.listener.close()
