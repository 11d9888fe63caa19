"""A small TCP proxy that misbehaves on purpose (the sync fault tests): for each connection
it draws, from its own seeded generator, whether to pass it, refuse it, cut the request after a
few bytes, cut the answer after a few bytes (the hub has done the work, the client never hears),
or delay it."""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter

FATES = (("pass", 50), ("refuse", 10), ("cut_request", 15), ("cut_answer", 20), ("delay", 5))


class FaultyProxy:
    def __init__(self, upstream_port: int, seed: int = 0):
        self.upstream_port = upstream_port
        self.random = random.Random(seed)
        self.fates: Counter = Counter()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.lock = threading.Lock()
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def reseed(self, seed: int) -> None:
        with self.lock:
            self.random.seed(seed)

    def _draw(self) -> tuple[str, int]:
        with self.lock:
            fate = self.random.choices([f for f, _ in FATES], weights=[w for _, w in FATES])[0]
            self.fates[fate] += 1
            return fate, self.random.randint(0, 600)

    def _accept(self) -> None:
        while self.open:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            fate, at_byte = self._draw()
            threading.Thread(target=self._serve, args=(client, fate, at_byte), daemon=True).start()

    def _serve(self, client: socket.socket, fate: str, at_byte: int) -> None:
        if fate == "refuse":
            client.close()
            return
        if fate == "delay":
            time.sleep(0.05)
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        except OSError:
            client.close()
            return
        limits = {"cut_request": (at_byte, None), "cut_answer": (None, at_byte)}.get(fate, (None, None))
        done = threading.Event()
        threading.Thread(target=self._pump, args=(client, upstream, limits[0], done), daemon=True).start()
        self._pump(upstream, client, limits[1], done)

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket, limit: int | None, done: threading.Event) -> None:
        sent = 0
        try:
            while not done.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    target.sendall(data[:max(0, limit - sent)])
                    break
                target.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            done.set()
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def close(self) -> None:
        self.open = False
        self.listener.close()
