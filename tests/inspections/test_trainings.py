"""Trainings of principals and safety managers, their attendees and certificates with expiry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections import enterprise_services as services
from inspections.models import SafetyCertificate, Training
from tests.inspections.factories_credit import enterprise_of, township

pytestmark = pytest.mark.django_db


def _training(actor, town="桂溪街道", title="企业主要负责人培训（测试）"):
    day = timezone.localdate()
    return services.training_create(actor=actor, title=title, organizer=township(town), starts_on=day, ends_on=day)


def test_a_township_records_its_training_and_attendees(demo_user, web_as):
    client = web_as("gx_staff")
    day = timezone.localdate().isoformat()
    response = client.post(
        reverse("inspections:training-create"),
        {"title": "安全管理人员培训", "organizer": township("桂溪街道").pk, "starts_on": day, "ends_on": day},
    )
    assert response.status_code == 302
    training = Training.objects.get()
    firm = enterprise_of("桂溪街道")
    response = client.post(
        reverse("inspections:training-attendee-add", args=[training.pk]),
        {"enterprise": firm.pk, "person_name": "王五", "role": "principal", "attended": "on", "passed": "on"},
    )
    assert response.status_code == 302
    assert "王五" in client.get(training.get_absolute_url()).content.decode()


def test_an_end_before_the_start_is_refused_in_chinese(demo_user):
    day = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.training_create(
            actor=demo_user("gx_staff"),
            title="培训",
            organizer=township("桂溪街道"),
            starts_on=day,
            ends_on=day - datetime.timedelta(days=1),
        )
    assert exc.value.message_dict["ends_on"] == ["结束日期不能早于开始日期。"]


def test_a_passed_absent_attendee_and_a_second_entry_are_refused(demo_user):
    admin = demo_user("county_admin")
    training = _training(admin)
    firm = enterprise_of("桂溪街道")
    with pytest.raises(ValidationError) as exc:
        services.training_attendee_add(
            actor=admin,
            training=training,
            enterprise=firm,
            person_name="李四",
            role="principal",
            attended=False,
            passed=True,
        )
    assert exc.value.message_dict["passed"] == ["未参训的人员不能考核合格。"]
    services.training_attendee_add(
        actor=admin, training=training, enterprise=firm, person_name="李四", role="principal"
    )
    with pytest.raises(ValidationError) as exc:
        services.training_attendee_add(
            actor=admin, training=training, enterprise=firm, person_name="李四", role="principal"
        )
    assert exc.value.message_dict["person_name"] == ["该单位的这名人员已在本次培训名单中。"]


def test_a_certificate_expiring_before_it_was_issued_is_refused(demo_user):
    day = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.certificate_create(
            actor=demo_user("gx_staff"),
            enterprise=enterprise_of("桂溪街道"),
            holder_name="张三",
            kind="principal",
            number="ZS-1",
            issued_on=day,
            expires_on=day,
        )
    assert exc.value.message_dict["expires_on"] == ["有效期至须晚于发证日期。"]


def test_the_certificate_list_shows_expiring_and_expired(demo_user, web_as):
    today = timezone.localdate()
    gx = demo_user("gx_staff")
    firm = enterprise_of("桂溪街道")
    for number, left in (("SOON-1", 10), ("OLD-1", -5), ("LATER-1", 400)):
        services.certificate_create(
            actor=gx,
            enterprise=firm,
            holder_name=number,
            kind="safety_manager",
            number=number,
            issued_on=today - datetime.timedelta(days=1000),
            expires_on=today + datetime.timedelta(days=left),
        )
    client = web_as("gx_staff")
    soon = client.get(reverse("inspections:certificate-list"), {"expiry": "expiring_30"}).content.decode()
    assert "SOON-1" in soon and "OLD-1" not in soon and "LATER-1" not in soon
    expired = client.get(reverse("inspections:certificate-list"), {"expiry": "expired"}).content.decode()
    assert "OLD-1" in expired and "已过期" in expired
    page = client.get(reverse("inspections:credit-record", args=[firm.pk])).content.decode()
    assert "SOON-1" in page


def test_another_townships_training_is_404_and_readers_cannot_record(demo_user, web_as):
    other = _training(demo_user("county_admin"), town="沙坪镇")
    client = web_as("gx_staff")
    assert client.get(reverse("inspections:training-detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("inspections:training-attendee-add", args=[other.pk]), {}).status_code == 404
    leader = web_as("county_leader")
    assert leader.post(reverse("inspections:training-create"), {}).status_code == 403
    assert leader.post(reverse("inspections:certificate-create"), {}).status_code == 403
    assert not SafetyCertificate.objects.exists()


def test_the_training_list_takes_a_fixed_number_of_queries(demo_user, web_as, django_assert_max_num_queries):
    admin = demo_user("county_admin")
    for n in range(5):
        _training(admin, title=f"培训{n}")
    client = web_as("gx_staff")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("inspections:training-list")).content.decode()
    assert "培训4" in page


def test_the_api_lists_trainings_with_attendees_and_adds_one(demo_user, api_as):
    admin = demo_user("county_admin")
    mine, other = _training(admin), _training(admin, town="沙坪镇", title="沙坪培训")
    client = api_as("gx_staff")
    ids = {row["id"] for row in client.get(reverse("api:training-list")).json()["results"]}
    assert mine.pk in ids and other.pk not in ids
    response = client.post(
        reverse("api:training-attendees", args=[mine.pk]),
        {"enterprise": enterprise_of("桂溪街道").pk, "person_name": "赵六", "role": "safety_manager"},
        format="json",
    )
    assert response.status_code == 201
    detail = client.get(reverse("api:training-detail", args=[mine.pk])).json()
    assert [a["person_name"] for a in detail["attendees"]] == ["赵六"]
    assert api_as("county_leader").post(reverse("api:training-list"), {}, format="json").status_code == 403


def test_the_api_refuses_a_training_ending_before_it_starts_and_another_townships_organizer(api_as):
    client = api_as("gx_staff")
    url = reverse("api:training-list")
    values = {"title": "培训", "organizer": township("桂溪街道").pk, "starts_on": "2026-05-02", "ends_on": "2026-05-01"}
    response = client.post(url, values, format="json")
    assert response.status_code == 400
    assert "结束日期不能早于开始日期。" in response.content.decode()
    values.update(organizer=township("沙坪镇").pk, ends_on="2026-05-03")
    assert client.post(url, values, format="json").status_code == 400
    values.update(organizer=township("桂溪街道").pk)
    assert client.post(url, values, format="json").status_code == 201
    assert Training.objects.get().organizer == township("桂溪街道")
