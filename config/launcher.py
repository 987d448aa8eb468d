"""`make run`: prepare the database, then run the web server, a Celery worker and Celery beat together.

Without DATABASE_URL / REDIS_URL the embedded servers are started first (the three processes join
them through settings); one Ctrl-C stops the three and then the embedded servers.
"""

import os
import signal
import subprocess
import sys
import time

from config import embedded

PYTHON = sys.executable


def _manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], env=env, check=True)


def _stop_signal(signum, frame):
    raise KeyboardInterrupt


def main():
    # Installed explicitly: a shell starting us in the background ignores SIGINT, and Python keeps an
    # ignored SIGINT ignored, so Ctrl-C (or CI's kill -INT) would not reach us.
    signal.signal(signal.SIGINT, _stop_signal)
    signal.signal(signal.SIGTERM, _stop_signal)
    env = {"DEBUG": "true", **os.environ}
    bind = env.get("PORTAL_BIND", "127.0.0.1:8000")
    with embedded.servers_for(env):
        print("正在准备数据库（首次运行约需 5 分钟）…", flush=True)
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_plan", "--year", "2024")
        _manage(env, "load_demo")
        _manage(env, "run_reminder_sweep")  # today's reminders on the demo data, before anyone signs in
        celery = [PYTHON, "-m", "celery", "-A", "config"]
        beat_schedule = str(embedded.VAR_DIR / "celerybeat-schedule")
        processes = [
            subprocess.Popen([PYTHON, "manage.py", "runserver", bind, "--noreload"], env=env),
            subprocess.Popen([*celery, "worker", "-l", "info", "-c", "2"], env=env),
            subprocess.Popen([*celery, "beat", "-l", "info", "-s", beat_schedule], env=env),
        ]
        print(f"\n门户已启动：http://{bind}/  （演示账号密码 demo2024，Ctrl-C 停止）\n", flush=True)
        _wait(processes)


def _wait(processes):
    """Until Ctrl-C or one process dies; then stop all of them."""
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for p in processes:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for p in processes:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()


if __name__ == "__main__":
    main()
