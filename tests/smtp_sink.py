#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for klynge's tests (Debian python3-aiosmtpd).

Every message it accepts is written to MAILDIR as NNN.eml (the bytes
received) and NNN.rcpt (the envelope recipients, one a line). A recipient
listed in REFUSE_FILE (one address a line, read at every RCPT so a test can
change it while the server runs) is refused with 550. With --user/--password
the server requires AUTH (PLAIN or LOGIN) and refuses other logins.

    smtp_sink.py --port-file F --maildir DIR [--refuse-file F] [--user U --password P]

It writes its port to the port file once it listens, and runs until killed.
"""
import argparse
import asyncio
import os
import signal
import socket
import sys
import threading

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    sys.exit("smtp_sink.py: python3-aiosmtpd is missing — apt-get install python3-aiosmtpd")


class Sink:
    def __init__(self, maildir, refuse_file):
        self.maildir = maildir
        self.refuse_file = refuse_file
        self.count = 0
        self.lock = threading.Lock()

    def refused(self):
        if not self.refuse_file or not os.path.exists(self.refuse_file):
            return set()
        with open(self.refuse_file, encoding="utf-8") as f:
            return {line.strip().lower() for line in f if line.strip()}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.maildir, "%03d" % n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".rcpt", "w", encoding="utf-8") as f:
            f.write("".join(r + "\n" for r in envelope.rcpt_tos))
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--refuse-file")
    ap.add_argument("--user")
    ap.add_argument("--password")
    args = ap.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    kwargs = {}
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == args.user
                  and auth_data.password.decode() == args.password)
            return AuthResult(success=ok)
        kwargs = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False)

    controller = Controller(Sink(args.maildir, args.refuse_file), hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(controller.port))
    os.rename(args.port_file + ".tmp", args.port_file)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
