"""Database connections behind one small interface, so the store's SQL is written once.

SQL is written with `?` placeholders and values are always bound, never formatted in; the
PostgreSQL backend only rewrites the placeholder style.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class StoreError(Exception):
    """The store cannot be opened or written; the message says which store and what to do."""


class Backend:
    dialect: str
    # Column types that differ between dialects; the schema is written with these names.
    types: dict[str, str]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def script(self, sql: str) -> None:
        for statement in (s.strip() for s in sql.split(";")):
            if statement:
                self.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError


class SQLiteBackend(Backend):
    dialect = "sqlite"
    types = {"blob": "BLOB", "real": "REAL", "bigint": "INTEGER"}

    def __init__(self, path: Path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL keeps WAL commits durable against a killed process (not a power cut) at far less cost.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{path}: not a usable SQLite event store ({e})") from None
        self.path = path

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


_PLACEHOLDER = re.compile(r"\?")


class PostgresBackend(Backend):
    dialect = "postgresql"
    types = {"blob": "BYTEA", "real": "DOUBLE PRECISION", "bigint": "BIGINT"}

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL stores need psycopg: pip install 'psycopg[binary]'") from None
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to {redact(url)}: {str(e).strip().splitlines()[0]}") from None
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_PLACEHOLDER.sub("%s", sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_PLACEHOLDER.sub("%s", sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def try_execute(self, sql: str) -> bool:
        """Run an optional statement (an extension, say); False when the server refuses it."""
        import psycopg

        try:
            with self.conn.transaction():
                self.execute(sql)
            return True
        except psycopg.Error:
            return False

    def close(self) -> None:
        self.conn.close()


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def connect(target: str | Path) -> Backend:
    """A PostgreSQL URL (postgresql://…) or the path of a SQLite file."""
    s = str(target)
    if s.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(s)
    return SQLiteBackend(Path(s))
