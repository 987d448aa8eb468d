import json

import pytest

from core.models import Enterprise, OrgUnit
from tests.factories import EnterpriseFactory
from tests.tasks.test_plan_loading import DOCUMENT_TITLES


@pytest.mark.django_db
def test_the_login_page_is_in_chinese(client):
    page = client.get("/login/").content.decode()
    assert "登录" in page and "用户名" in page and "密码" in page
    assert '<html lang="zh-CN">' in page


@pytest.mark.django_db
def test_a_wrong_password_gets_a_clear_message_and_keeps_the_username(client):
    response = client.post("/login/", {"username": "gx_staff", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "用户名或密码错误" in page
    assert 'value="gx_staff"' in page


@pytest.mark.django_db
def test_a_demo_account_signs_in_with_the_demo_password(client):
    response = client.post("/login/", {"username": "gx_staff", "password": "demo2024"})
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login_page(client):
    for path in ["/", "/enterprises/", "/hazards/", f"/units/{OrgUnit.objects.get(code='500231').pk}/"]:
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/login/"), path


def test_the_home_page_shows_the_plan_as_a_tree_with_unit_links(web_as):
    page = web_as("gx_staff").get("/").content.decode()
    for number, title in enumerate(DOCUMENT_TITLES, 1):
        assert f"{number}. {title}" in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "（六）完善数字应急体系，提升整体智治能力" in page
    assert "（一）实施安全生产治本攻坚行动" in page
    yjj = OrgUnit.objects.get(short_name="应急局")
    assert f'href="/units/{yjj.pk}/"' in page
    assert "150 公里" in page and "40 台（套）" in page


def test_the_home_page_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("gx_staff")
    with django_assert_max_num_queries(13):  # … and the bell's unread count
        assert client.get("/").status_code == 200


def test_a_unit_page_lists_what_it_leads(web_as):
    client = web_as("gx_staff")
    gx = OrgUnit.objects.get(name="桂溪街道")
    page = client.get(f"/units/{gx.pk}/").content.decode()
    assert "9. 推进基层应急管理体系建设" in page and "东街社区居民委员会" in page
    assert client.get(f"/units/{OrgUnit.objects.get(name='沙坪镇').pk}/").status_code == 404


def test_an_unknown_page_gets_a_chinese_404(web_as):
    response = web_as("gx_staff").get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_the_english_switch_changes_the_interface_language(web_as):
    client = web_as("gx_staff")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Work plan" in page and "Sign out" in page
    assert "夯实党政领导干部责任" in page  # the plan itself stays as the document wrote it


def test_the_admin_speaks_chinese(web_as):
    page = web_as("county_admin").get("/admin/").content.decode()
    assert "工作任务" in page and "组织单位" in page and "生产经营单位" in page


def test_staff_without_the_admin_role_cannot_open_the_admin(web_as):
    response = web_as("gx_head").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_app_pages_are_reachable_from_the_navigation(web_as):
    client = web_as("sp_staff")
    home = client.get("/").content.decode()
    for path in ["/responsibilities/", "/hazards/", "/disasters/", "/inspections/", "/enterprises/"]:
        assert f'href="{path}"' in home
        assert client.get(path).status_code == 200


def test_enterprise_pages_show_own_records_and_hide_others(web_as):
    mine = EnterpriseFactory(township=OrgUnit.objects.get(name="桂溪街道"), name="桂溪测试企业有限公司")
    theirs = EnterpriseFactory(township=OrgUnit.objects.get(name="沙坪镇"), name="沙坪测试企业有限公司")
    client = web_as("gx_staff")
    page = client.get("/enterprises/", {"q": "测试企业"}).content.decode()
    assert mine.name in page and theirs.name not in page
    assert client.get(f"/enterprises/{mine.pk}/").status_code == 200
    assert client.get(f"/enterprises/{theirs.pk}/").status_code == 404
    assert client.get(f"/enterprises/{theirs.pk}/edit/").status_code == 404


def test_county_leader_sees_every_enterprise_and_edits_none(web_as):
    enterprise = EnterpriseFactory(township=OrgUnit.objects.get(name="沙坪镇"))
    client = web_as("county_leader")
    assert client.get(f"/enterprises/{enterprise.pk}/").status_code == 200
    edit_link = f'href="/enterprises/{enterprise.pk}/edit/"'
    assert edit_link not in client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert client.get(f"/enterprises/{enterprise.pk}/edit/").status_code == 403
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", {"name": "改名"})
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name != "改名"
    assert edit_link in web_as("county_admin").get(f"/enterprises/{enterprise.pk}/").content.decode()


def _form(**overrides):
    gx = OrgUnit.objects.get(name="桂溪街道")
    data = {
        "name": "垫江县新登记建材有限公司",
        "credit_code": "91110000802100433B",
        "sector": "industry_trade",
        "scale": "small_micro",
        "township": gx.pk,
        "supervising_department": "",
        "address": "桂溪街道1号",
    }
    data.update(overrides)
    return data


def test_a_form_with_a_missing_field_is_refused_and_keeps_what_was_typed(web_as):
    response = web_as("gx_staff").post("/enterprises/new/", _form(name=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "该字段是必填项。" in page
    assert 'value="91110000802100433B"' in page and "桂溪街道1号" in page
    assert not Enterprise.objects.filter(credit_code="91110000802100433B").exists()


def test_an_invalid_credit_code_is_refused_with_the_reason(web_as):
    response = web_as("gx_staff").post("/enterprises/new/", _form(credit_code="91110000802100433C"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "统一社会信用代码校验位错误：第18位应为B，实际为C" in page
    assert "垫江县新登记建材有限公司" in page


def test_a_township_registers_an_enterprise_and_it_shows_in_its_history(web_as):
    client = web_as("gx_staff")
    response = client.post("/enterprises/new/", _form(credit_code=" 91110000802100433b "))
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(credit_code="91110000802100433B")
    page = client.get(response.url).content.decode()
    assert "新增" in page and "桂溪街道应急办" in page and enterprise.name in page


def test_a_township_cannot_register_an_enterprise_in_another_township(web_as):
    sp = OrgUnit.objects.get(name="沙坪镇")
    response = web_as("gx_staff").post("/enterprises/new/", _form(township=sp.pk))
    assert response.status_code == 400
    assert not Enterprise.objects.filter(credit_code="91110000802100433B").exists()


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_switch(client):
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-CN">' in page and "登录" in page


def test_a_staff_flag_alone_does_not_open_the_admin(web_as, demo_user):
    head = demo_user("yjj_head")
    head.is_staff = True
    head.save(update_fields=["is_staff"])
    response = web_as("yjj_head").get("/admin/core/enterprise/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_every_model_users_change_has_an_admin_page():
    import pghistory.models
    from django.apps import apps
    from django.contrib import admin

    for label in ["core", "tasks", "hazards", "notifications", "disasters", "inspections", "responsibilities"]:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, pghistory.models.Event):  # pghistory's own snapshots have their admin
                assert admin.site.is_registered(model), model.__name__


def test_the_enterprise_list_page_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    for _ in range(8):
        EnterpriseFactory()
    client = web_as("county_admin")
    with django_assert_max_num_queries(8):  # session, user, scope (2), count, rows, aliases
        assert client.get("/enterprises/").status_code == 200


@pytest.mark.parametrize("query", ["?year=abc", "?year=1999", "?year=2024"])
def test_a_year_in_the_url_that_is_not_a_plan_year_does_not_break_the_home_page(web_as, query):
    assert web_as("gx_staff").get(f"/{query}").status_code == 200
    assert web_as("gx_staff").get(f"/measures/{query}").status_code == 200


def test_a_lost_database_connection_answers_503_to_retry_and_any_other_failure_500(rf):
    from django import db

    from core.views import server_error

    try:
        raise db.OperationalError("server closed the connection unexpectedly")
    except db.OperationalError:
        page, api = server_error(rf.get("/hazards/")), server_error(rf.get("/api/v1/hazards/"))
    assert (page.status_code, api.status_code) == (503, 503) and page["Retry-After"] == api["Retry-After"] == "10"
    assert "系统暂时不可用" in page.content.decode() and json.loads(api.content)["code"] == "service_unavailable"
    try:
        raise ValueError("a bug")
    except ValueError:
        other = server_error(rf.get("/hazards/"))
    assert other.status_code == 500 and "服务器内部错误" in other.content.decode()
