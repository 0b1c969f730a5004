#!/usr/bin/env python3
"""A throw-away SMTP server on 127.0.0.1 for the delivery tests (needs aiosmtpd).

usage: email_sink.py OUT_DIR

Listens on a free loopback port and prints "PORT <n>" on stdout once it is
ready. Each message received is stored byte for byte (after SMTP's own
dot-unstuffing) as OUT_DIR/<n>.eml, with its envelope as OUT_DIR/<n>.json.
Stops on SIGTERM or SIGINT.
"""
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        base = os.path.join(self.directory, str(number))
        with open(base + ".eml.tmp", "wb") as out:
            out.write(data)
        with open(base + ".json", "w") as out:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, out)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK stored"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    # A parent may start us with signals blocked (test runners often do); unblock the ones that stop us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    port = free_port()
    controller = Controller(Store(directory), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    print(f"PORT {port}", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
