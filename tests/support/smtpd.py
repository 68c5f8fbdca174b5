"""A submission server for Brev's tests (Debian's python3-aiosmtpd).

STARTTLS on --port (and implicit TLS on --tls-port when given), AUTH
PLAIN/LOGIN against the test Dovecot's passwd-file, and delivery of each
accepted message into the recipients' Maildirs (so the test Dovecot serves
it over IMAP and POP3). Recipients that are not Dovecot users get 550.

The file --mode holds what to do with the next message (read per message):
  normal  deliver, answer 250
  drop    deliver, then close the connection without answering
  hang    deliver, then never answer
Every delivered message prints `DATA <n>` (n counts from 1) on stdout;
`READY <port> <tls-port or 0>` is printed once both listeners are up.

Run with /usr/bin/python3; it ends when its stdin closes (the test died).
"""

import argparse
import asyncio
import os
import socket
import ssl
import sys
import threading
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--tls-port", type=int, default=-1)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--users", required=True)
    p.add_argument("--homes", required=True)
    p.add_argument("--uid", type=int, default=-1)
    p.add_argument("--gid", type=int, default=-1)
    p.add_argument("--mode", required=True)
    p.add_argument("--size-limit", type=int, default=10 * 1024 * 1024)
    return p.parse_args()


ARGS = parse_args()
# aiosmtpd 1.4 warns about its own use of Session.login_data.
warnings.filterwarnings("ignore", category=DeprecationWarning)
COUNT = 0
LOCK = threading.Lock()


def users():
    out = {}
    try:
        with open(ARGS.users, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split(":")
                if len(parts) >= 2 and parts[1].startswith("{PLAIN}"):
                    out[parts[0]] = parts[1][len("{PLAIN}"):]
    except OSError:
        pass
    return out


def mode():
    try:
        with open(ARGS.mode, encoding="utf-8") as f:
            return f.read().strip() or "normal"
    except OSError:
        return "normal"


def local_part(address):
    return address.rsplit("@", 1)[0]


def deliver(user, data):
    maildir = os.path.join(ARGS.homes, user, "Maildir")
    name = "%d.M%dP%d.brevsmtpd" % (time.time(), time.monotonic_ns(), os.getpid())
    tmp = os.path.join(maildir, "tmp", name)
    with open(tmp, "wb") as f:
        f.write(data)
    if ARGS.uid >= 0:
        os.chown(tmp, ARGS.uid, ARGS.gid)
    os.rename(tmp, os.path.join(maildir, "new", name))


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if local_part(address) not in users():
            return "550 5.1.1 <%s>: no such user here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global COUNT
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not data.endswith(b"\n"):
            data += b"\r\n"
        for rcpt in envelope.rcpt_tos:
            deliver(local_part(rcpt), data)
        with LOCK:
            COUNT += 1
            n = COUNT
        what = mode()
        print("DATA %d" % n, flush=True)
        if what == "drop":
            server.transport.abort()
            await asyncio.sleep(3600)
        elif what == "hang":
            await asyncio.sleep(3600)
        return "250 2.0.0 OK queued as %d" % n


def authenticator(server, session, envelope, mechanism, auth_data):
    if not isinstance(auth_data, LoginPassword):
        return AuthResult(success=False, handled=False)
    login = auth_data.login.decode("utf-8", "replace")
    password = auth_data.password.decode("utf-8", "replace")
    ok = users().get(login) == password
    # handled=False: aiosmtpd answers 535 itself on failure.
    return AuthResult(success=ok, handled=False)


def free_port():
    s = socket.socket()
    s.bind((ARGS.host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(ARGS.cert, ARGS.key)
    common = dict(
        authenticator=authenticator,
        data_size_limit=ARGS.size_limit,
        decode_data=False,
        hostname=ARGS.host,
    )
    port = ARGS.port or free_port()
    starttls = Controller(
        Handler(),
        port=port,
        tls_context=context,
        require_starttls=False,
        auth_require_tls=True,
        server_hostname="localhost",
        **common,
    )
    starttls.start()
    tls_port = 0
    implicit = None
    if ARGS.tls_port >= 0:
        tls_port = ARGS.tls_port or free_port()
        implicit = Controller(
            Handler(),
            port=tls_port,
            ssl_context=context,
            auth_require_tls=False,
            server_hostname="localhost",
            **common,
        )
        implicit.start()
    print("READY %d %d" % (port, tls_port), flush=True)
    # Run until the test process goes away (stdin closes).
    sys.stdin.read()
    starttls.stop()
    if implicit:
        implicit.stop()


if __name__ == "__main__":
    main()
