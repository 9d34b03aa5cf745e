"""One writer or many readers: an advisory lock on ``<store>/kg.lock``.

RocksDB refuses a second read-write opening with an obscure error, and reading while another
process writes is undefined behaviour in Oxigraph; this lock turns both into a clear message.
The lock is released by the operating system if the process dies.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kg.errors import StoreError

LOCK_NAME = "kg.lock"


class StoreLock:
    def __init__(self, folder: Path, *, exclusive: bool) -> None:
        self.path, self._exclusive = folder / LOCK_NAME, exclusive
        self._held = False
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder()
            self.release()
            if exclusive:
                who = f"writing{holder}" if holder else "reading"
                raise StoreError(f"the store at {folder} is open in another kg process ({who}); "
                                 "only one process can write at a time: wait for it to finish") from None
            raise StoreError(f"the store at {folder} is being written by another kg process{holder}; "
                             "wait for it to finish") from None
        if exclusive:   # the pid is there only while the lock is held, for the message above
            os.ftruncate(self._fd, 0)
            os.write(self._fd, str(os.getpid()).encode())
        self._held = True

    def _holder(self) -> str:
        try:
            pid = self.path.read_text().strip()
        except OSError:
            return ""
        return f" (pid {pid})" if pid else ""

    def release(self) -> None:
        if self._fd is not None:
            if self._exclusive and self._held:
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
