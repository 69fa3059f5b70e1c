"""Throwaway servers from Debian's packages for tests and the benchmark: PostgreSQL, Redis and nginx, each with
its own folder and loopback port, stopped afterwards. `.ci/run` installs the packages on a fresh machine.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user the package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2


def postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_postgres(folder: Path) -> Iterator[str]:
    """Yields a SQLAlchemy URL (postgresql+psycopg://...) of a fresh, empty database."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    folder.mkdir(parents=True, exist_ok=True)
    as_owner: list[str] = []
    if os.geteuid() == 0:
        as_owner = ["runuser", "-u", "postgres", "--"]
        folder.chmod(0o777)
        for parent in folder.parents:  # the postgres user must be able to reach the folder
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o111)
    data, port = folder / "pgdata", free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run([*as_owner, bin_dir / "initdb", "-D", data, "-U", "bot", "--auth=trust", "-E", "UTF8"], **quiet)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_owner, bin_dir / "pg_ctl", "-D", data, "-l", folder / "postgres.log"]
    subprocess.run([*pg_ctl, "-o", options, "-w", "start"], **quiet)
    try:
        yield f"postgresql+psycopg://bot@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], **quiet)


def _wait_for_port(port: int, process: subprocess.Popen, name: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not listen on port {port} within 30 s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def temporary_redis(folder: Path) -> Iterator[int]:
    """Yields the port of a fresh Redis server (Debian: apt-get install redis-server), nothing saved to disk."""
    if shutil.which("redis-server") is None:
        raise RuntimeError("Redis is not installed (Debian: apt-get install redis-server)")
    folder.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), folder / "redis.log"
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--dir", str(folder), "--logfile", str(log)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, "redis-server", log)
        yield port
    finally:
        _stop(process)


@contextlib.contextmanager
def temporary_nginx(folder: Path, template: Path, **values) -> Iterator[Path]:
    """Runs nginx (Debian: apt-get install nginx) with the Jinja2 `template` rendered with `values` plus
    `folder` (for its logs, pid and temporary files); yields the folder, whose access.log records each request.
    Waits until every port in `values["listen_ports"]` answers."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    rendered = jinja2.Template(template.read_text(), undefined=jinja2.StrictUndefined).render(
        folder=folder, run_as_root=os.geteuid() == 0, **values
    )
    config.write_text(rendered)
    log = folder / "error.log"
    process = subprocess.Popen([nginx, "-c", str(config), "-p", str(folder), "-e", str(log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        for port in values.get("listen_ports", ()):
            _wait_for_port(port, process, "nginx", log)
        yield folder
    finally:
        _stop(process)
