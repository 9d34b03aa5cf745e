"""One ``kg load`` at a time into a Neo4j database (from this machine).

Two loads at once would each write their batches (MERGE keeps every node single), but a full
load removes the articles its store does not have, judged from what Neo4j held when it began:
interleaved with another load, Neo4j would end as a mix that neither store holds. So a load
takes an exclusive lock named after the database (host, port and database name, never the
credentials), in kg.settings.lock_folder(); a second load is refused with the pid of the
first. The operating system releases the lock when the process ends, even by SIGKILL.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from kg.errors import StoreError


class LoadLock:
    def __init__(self, safe_uri: str, database: str) -> None:
        from kg.settings import lock_folder

        self.where = f"Neo4j at {safe_uri} (database {database})"
        name = hashlib.sha256(f"{safe_uri}\0{database}".encode()).hexdigest()[:20]
        folder = lock_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd: int | None = os.open(folder / f"neo4j-load-{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot create the load lock in {folder}: {e} (set KG_LOCK_DIR)") from e
        self.path = Path(folder / f"neo4j-load-{name}.lock")

    def __enter__(self) -> LoadLock:
        assert self._fd is not None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self._fd, 32, 0).decode(errors="replace").strip()
            self._close()
            raise StoreError(f"another kg load{f' (pid {holder})' if holder else ''} is writing to {self.where}; "
                             "only one load at a time: wait for it to finish") from None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
