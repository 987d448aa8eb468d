from config import embedded


def test_a_truncated_pgserver_handle_list_is_reset(monkeypatch, tmp_path):
    monkeypatch.setattr(embedded, "PG_DATA", tmp_path)
    (tmp_path / ".handle_pids.json").write_text("")
    embedded._reset_handle_list()
    assert (tmp_path / ".handle_pids.json").read_text() == "[]"


def test_a_valid_handle_list_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(embedded, "PG_DATA", tmp_path)
    (tmp_path / ".handle_pids.json").write_text("[12]")
    embedded._reset_handle_list()
    assert (tmp_path / ".handle_pids.json").read_text() == "[12]"


def test_servers_given_by_url_are_not_started(monkeypatch):
    started = []
    monkeypatch.setattr(embedded, "postgres_settings", lambda: started.append("pg"))
    monkeypatch.setattr(embedded, "redis_url", lambda: started.append("redis"))
    with embedded.servers_for({"DATABASE_URL": "postgres://x/y", "REDIS_URL": "redis://x"}):
        pass
    assert started == []
