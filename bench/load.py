"""Requests per second under load (see bench/README.md): the portal served by gunicorn as the deployment runs it,
on 127.0.0.1 in a throwaway database with the demo data, and a load generator (processes of threads, each with
its own keep-alive connection) against the minimal view, the busiest page and the busiest API endpoint.

    DATABASE_URL=… REDIS_URL=… python bench/load.py [--seconds 10] [--connections 8] [--workers 4] [--keep] [--reuse]
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from common import admin, bench_database_url, setup_django

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 2.0  # seconds of each run left out of the figures: connections opened, workers' first requests
WORKER = "gx_staff"  # 桂溪街道's township worker


def parse_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per target")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (README: -w 4)")
    parser.add_argument("--keep", action="store_true", help="leave the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="use a database kept with --keep; no seeding")
    return parser.parse_args()


def seed():
    """The reference data (migrations), the 2024 plan and the demo with its work: what `make run` shows."""
    from django.core.management import call_command

    from demo.loader import DemoLoader

    call_command("migrate", verbosity=0)
    call_command("load_plan", year=2024, verbosity=0)
    DemoLoader().load()


def credentials():
    """The township worker's session cookie (signed in as the login page does) and an API token of theirs."""
    from django.conf import settings
    from django.test import Client

    from core.api_tokens import api_token_issue
    from core.models import User

    client = Client()
    client.force_login(User.objects.get(username=WORKER))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    office = User.objects.get(username="county_admin")
    _token, key = api_token_issue(actor=office, user=User.objects.get(username=WORKER), name="负载基准")
    return {"Cookie": cookie}, {"Authorization": f"Token {key}"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url, port, workers):
    """gunicorn as README's deployment runs it (sync workers, production settings: DEBUG off)."""
    environ = os.environ | {
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=environ, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start (exit {server.returncode})")
        try:
            if get(port, "/healthz/", {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s")


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(port, path, headers, connection=None):
    """(status, body) of one GET; on its own connection unless one is given."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if connection is None:
            conn.close()


def _connection_loop(port, path, headers, start, end, results):
    """One keep-alive connection sending requests one after another until `end`; what it measured after
    `start` goes into results (latencies in seconds, errors). http.client opens a new connection by itself when
    the server closes one (gunicorn's sync workers close each after its answer)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors = [], 0
    while (sent := time.perf_counter()) < end:
        try:
            status, _body = get(port, path, headers, connection)
            ok = status == 200
        except (OSError, http.client.HTTPException):
            connection.close()
            ok = False
        if sent >= start:
            latencies.append(time.perf_counter() - sent)
            errors += not ok
    connection.close()
    results.append((latencies, errors))


def load_process(port, path, headers, threads, start, end):
    """One generator process: `threads` connections (several processes, so the GIL does not cap the rate)."""
    results = []
    workers = [
        threading.Thread(target=_connection_loop, args=(port, path, headers, start, end, results))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [latency for latencies, _errors in results for latency in latencies], sum(e for _l, e in results)


def run_load(port, path, headers, *, seconds, connections):
    processes = min(connections, os.cpu_count() or 1, 4)
    per_process = [connections // processes + (i < connections % processes) for i in range(processes)]
    start = time.perf_counter() + 0.5 + WARM_UP  # perf_counter is the same clock in every process (monotonic)
    end = start + seconds
    with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
        parts = [pool.submit(load_process, port, path, headers, n, start - WARM_UP, end) for n in per_process]
        parts = [part.result() for part in parts]
    latencies = sorted(latency for part, _errors in parts for latency in part)
    errors = sum(errors for _part, errors in parts)
    return {
        "rps": len(latencies) / seconds,
        "median": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "errors": errors,
        "requests": len(latencies),
    }


def measure(port, session, token, *, seconds, connections):
    targets = [
        ("minimal view", "/healthz/", {}),
        ("busiest page", "/", session),  # the township worker's home: where every sign-in lands
        ("busiest API endpoint", "/api/v1/hazards/", token),
    ]
    for _label, path, headers in targets:  # each answers 200, not a login page or a 401
        status, body = get(port, path, headers)
        assert status == 200, (path, status, body[:200])
    figures = {}
    for label, path, headers in targets:
        figures[label] = found = run_load(port, path, headers, seconds=seconds, connections=connections)
        print(
            f"{label} GET {path}: {found['rps']:,.0f} requests/s, median {found['median']:.1f} ms, "
            f"p95 {found['p95']:.1f} ms, {found['errors']} errors ({found['requests']:,} requests)",
            flush=True,
        )
    minimal = figures["minimal view"]["rps"]
    for label in ("busiest page", "busiest API endpoint"):
        rate = figures[label]["rps"]
        print(f"{label}/minimal view: {rate / minimal:.2f}× the requests per second ({minimal / rate:.1f}× the cost)")


def main():
    arguments = parse_arguments()
    caller_url, url, name = bench_database_url()
    name, url = name + "_load", url + "_load"
    if not arguments.reuse:
        admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(caller_url, f'CREATE DATABASE "{name}"')
    try:
        # The server reads the sessions this process writes: the same key for both.
        setup_django(url, ALLOWED_HOSTS="testserver,127.0.0.1", SECRET_KEY=secrets.token_urlsafe(50))
        from django.core.management import call_command
        from django.db import connections

        started = time.perf_counter()
        if arguments.reuse:
            call_command("migrate", verbosity=0)
        else:
            seed()
        session, token = credentials()
        connections.close_all()
        print(f"database ready in {time.perf_counter() - started:.0f} s", flush=True)
        port = free_port()
        server = start_server(url, port, arguments.workers)
        try:
            print(
                f"gunicorn -w {arguments.workers} on 127.0.0.1:{port}; {arguments.connections} connections, "
                f"{arguments.seconds:.0f} s per target after {WARM_UP:.0f} s of warm-up",
                flush=True,
            )
            measure(port, session, token, seconds=arguments.seconds, connections=arguments.connections)
        finally:
            stop_server(server)
    finally:
        if not arguments.keep:
            admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
