"""A webhook receiver on 127.0.0.1 (a real HTTP server in a thread, on a free port), API clients and their
endpoints, and Celery run eagerly (the task body runs in the test, as a worker would run it)."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from config.celery import app
from core.api_tokens import api_client_create
from core.models import OrgUnit, User
from integrations.services import webhook_endpoint_create


class Receiver:
    def __init__(self):
        self.requests = []  # (headers as a dict, raw body bytes)
        self.status = 200
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')
                receiver.received.set()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/portal"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def bodies(self):
        return [json.loads(body) for _headers, body in self.requests]


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def closed_port_url():
    """An address where nothing listens: the port was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


@pytest.fixture
def eager_celery():
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def office(db):
    return User.objects.get(username="county_admin")


@pytest.fixture
def make_client(office):
    def make(unit_name="垫江县", *, roles=(), username=None):
        unit = OrgUnit.objects.get(name=unit_name)
        name = username or f"client_{unit.code}"
        return api_client_create(actor=office, username=name, full_name=f"{unit_name}对接系统", unit=unit, roles=roles)

    return make


@pytest.fixture
def make_endpoint(office):
    def make(owner, url, events=("hazard.created", "hazard.closed", "warning.issued", "report.approved")):
        endpoint, secret = webhook_endpoint_create(
            actor=office, owner=owner, name="接收端", url=url, events=list(events)
        )
        return endpoint, secret

    return make
