"""Email to the recruiter over SMTP (STARTTLS or TLS): the PDF attached with its JSON summary
and the envelope. Delivered once the server answered 250 for the message."""

from __future__ import annotations

import json
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.message import EmailMessage

from hirepartner.exchange.envelopes import MAX_ATTACHMENT_BYTES, envelope_file
from hirepartner.exchange.problems import network_problem, unreachable
from hirepartner.exchange.transport import TransportError

TIMEOUT_S = 30.0
SECURITY = ("starttls", "tls", "none")
_TYPES = {".pdf": ("application", "pdf"), ".json": ("application", "json")}


class SmtpTransport:
    pullable = False

    def __init__(
        self,
        name: str,
        host: str,
        port: int,
        security: str,
        sender: str,
        recipients: Sequence[str],
        username: str = "",
        password: str = "",
        cafile: str = "",
    ) -> None:
        if security not in SECURITY:
            raise TransportError(f"security must be one of {', '.join(SECURITY)}", transient=False)
        self.name = name
        self.host, self.port, self.security = host, port, security
        self.sender, self.recipients = sender, list(recipients)
        self.username, self.password = username, password
        self.cafile = cafile  # a company CA the server's certificate is signed by

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.cafile or None)

    def _open(self) -> smtplib.SMTP:
        try:
            if self.security == "tls":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=TIMEOUT_S, context=self._context()
                )
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_S)
                if self.security == "starttls":
                    client.starttls(context=self._context())
            if self.username:
                client.login(self.username, self.password)
            return client
        except smtplib.SMTPAuthenticationError as error:
            raise TransportError(
                f"the mail server refused the user name or password ({error.smtp_code})",
                transient=False,
            ) from None
        except smtplib.SMTPException as error:  # before OSError: it is one
            raise TransportError(f"the mail server {self.host}: {error}") from None
        except OSError as error:
            raise TransportError(
                network_problem(self.host, self.port, error, TIMEOUT_S),
                unreachable=unreachable(error),
            ) from None

    def message(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> EmailMessage:
        body = json.loads(document)
        payload = body.get("payload", {})
        subject = payload.get("subject") or f"HirePartner {body.get('kind', 'update')}"
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message["Subject"] = subject
        message["Message-ID"] = f"<{envelope_uuid}@hirepartner>"  # the same envelope, one id
        message.set_content(payload.get("text") or f"{subject}\n\nSent by HirePartner.")
        for name, content in sorted(attachments.items()):
            maintype, subtype = _TYPES.get(
                name[name.rfind(".") :].lower(), ("application", "octet-stream")
            )
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
        message.add_attachment(
            document, maintype="application", subtype="json", filename=envelope_file(envelope_uuid)
        )
        return message

    def deliver(
        self, envelope_uuid: str, document: bytes, attachments: Mapping[str, bytes]
    ) -> None:
        message = self.message(envelope_uuid, document, attachments)
        client = self._open()
        try:
            refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise TransportError(
                f"the mail server refused every recipient: {', '.join(error.recipients)}",
                transient=False,
            ) from None
        except smtplib.SMTPResponseException as error:
            # 4xx (451 and friends) is the server asking to try later; 5xx will not change.
            raise TransportError(
                f"the mail server answered {error.smtp_code}"
                + ("; it will be tried again" if 400 <= error.smtp_code < 500 else ""),
                transient=400 <= error.smtp_code < 500,
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            raise TransportError(f"the mail server {self.host}: {error}") from None
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()
        if refused:
            raise TransportError(f"the mail server refused {', '.join(refused)}", transient=False)

    def incoming(self) -> list[str]:
        return []

    def document(self, envelope_uuid: str) -> bytes:
        raise TransportError("email is one-way", transient=False)

    def attachment(self, envelope_uuid: str, name: str, limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
        raise TransportError("email is one-way", transient=False)

    def test(self) -> str:
        client = self._open()
        try:
            code, _ = client.noop()
        finally:
            client.close()
        return f"{self.host}:{self.port} answers ({code}); {self.security}."

    def remove_leftovers(self) -> int:
        return 0  # nothing is left on the receiver's side

    def close(self) -> None:
        return None
