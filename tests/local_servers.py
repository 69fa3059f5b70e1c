"""A throwaway PostgreSQL server for tests: its own data folder and loopback port, stopped afterwards.

Uses the PostgreSQL programs from Debian's packages (`.ci/run` installs them on a fresh machine). PostgreSQL
refuses to run as root, so as root the server runs as the `postgres` user the package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path


def postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_postgres(folder: Path) -> Iterator[str]:
    """Yields a SQLAlchemy URL (postgresql+psycopg://...) of a fresh, empty database."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    as_owner: list[str] = []
    if os.geteuid() == 0:
        as_owner = ["runuser", "-u", "postgres", "--"]
        folder.chmod(0o777)
        for parent in folder.parents:  # the postgres user must be able to reach the folder
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o111)
    data, port = folder / "pgdata", _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run([*as_owner, bin_dir / "initdb", "-D", data, "-U", "bot", "--auth=trust", "-E", "UTF8"], **quiet)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_owner, bin_dir / "pg_ctl", "-D", data, "-l", folder / "postgres.log"]
    subprocess.run([*pg_ctl, "-o", options, "-w", "start"], **quiet)
    try:
        yield f"postgresql+psycopg://bot@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], **quiet)
