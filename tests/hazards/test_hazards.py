import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Enterprise, OrgUnit
from hazards import services
from hazards.choices import HazardStatus
from hazards.models import Hazard
from tests.hazards.factories import HazardFactory

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def values(**overrides):
    return {
        "title": "消防通道堵塞",
        "sector": "fire",
        "level": "general",
        "source": "dept_check",
        "territory": OrgUnit.objects.get(name="桂溪街道"),
        "found_on": D(2024, 6, 1),
        "deadline": D(2024, 6, 15),
        **overrides,
    }


def test_numbers_run_per_year_and_are_never_reused(demo_user):
    admin = demo_user("county_admin")
    first = services.hazard_create(actor=admin, **values())
    second = services.hazard_create(actor=admin, **values())
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1 and first.number.startswith("YH2024-")
    Hazard.objects.filter(pk=second.pk).delete()
    third = services.hazard_create(actor=admin, **values())
    assert int(third.number[-6:]) == int(second.number[-6:]) + 1
    assert services.hazard_create(
        actor=admin, **values(found_on=D(2025, 1, 2), deadline=D(2025, 1, 9))
    ).number.startswith("YH2025-")


def test_a_deadline_before_the_found_date_is_refused(demo_user):
    with pytest.raises(ValidationError) as error:
        services.hazard_create(actor=demo_user("gx_staff"), **values(deadline=D(2024, 5, 1)))
    assert error.value.message_dict == {"deadline": ["整改期限不能早于发现日期。"]}


def test_negative_funds_are_refused_and_nothing_saved(demo_user):
    before = Hazard.objects.count()
    with pytest.raises(ValidationError) as error:
        services.hazard_create(actor=demo_user("gx_staff"), **values(funds=Decimal("-1")))
    assert error.value.message_dict == {"funds": ["整改资金不能为负数。"]}
    assert Hazard.objects.count() == before
    assert not Hazard.objects.filter(title="消防通道堵塞").exists()


def test_an_enterprise_gives_its_township_and_supervising_department(demo_user):
    enterprise = Enterprise.objects.filter(township__name="桂溪街道", supervising_department__isnull=False).first()
    hazard = services.hazard_create(actor=demo_user("gx_staff"), **values(territory=None, enterprise=enterprise))
    assert (hazard.territory, hazard.supervising_department) == (enterprise.township, enterprise.supervising_department)
    assert hazard.problem_list.name == "安全生产和自然灾害问题清单"


def test_a_township_registers_only_its_own_hazards(demo_user):
    with pytest.raises(PermissionDenied):
        services.hazard_create(actor=demo_user("sp_staff"), **values())
    with pytest.raises(PermissionDenied):
        services.hazard_create(actor=demo_user("county_leader"), **values())
    assert (
        services.hazard_create(
            actor=demo_user("gx_grid"), **values(territory=OrgUnit.objects.get(code="500231001001-G01"))
        ).status
        == HazardStatus.PENDING
    )


def test_fields_the_state_no_longer_allows_are_refused(demo_user):
    hazard = HazardFactory(status=HazardStatus.RECTIFYING)
    with pytest.raises(ValidationError) as error:
        services.hazard_update(actor=demo_user("gx_staff"), hazard=hazard, title="改了标题")
    assert error.value.message_dict == {"title": ["“整改中”的隐患不能修改此项。"]}
    with pytest.raises(ValidationError):
        services.hazard_update(actor=demo_user("gx_staff"), hazard=hazard, deadline=D(2024, 7, 31))
    services.hazard_update(actor=demo_user("gx_staff"), hazard=hazard, deadline=D(2024, 7, 31), comment="设备到货延迟")
    event = hazard.events.get()
    assert "整改期限" in event.comment and "设备到货延迟" in event.comment
    closed = HazardFactory(status=HazardStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.hazard_update(actor=demo_user("county_admin"), hazard=closed, measures="x")


def test_only_the_county_office_lists_a_major_hazard(demo_user):
    major = HazardFactory(level="major")
    with pytest.raises(PermissionDenied):
        services.hazard_list_for_supervision(
            actor=demo_user("yjj_head"), hazard=major, leader="张县长", deadline=D(2024, 7, 1)
        )
    with pytest.raises(ValidationError):
        services.hazard_list_for_supervision(
            actor=demo_user("county_admin"), hazard=HazardFactory(), leader="张县长", deadline=D(2024, 7, 1)
        )
    listed = services.hazard_list_for_supervision(
        actor=demo_user("county_admin"), hazard=major, leader="张县长", deadline=D(2024, 7, 1)
    )
    assert listed.is_listed and major.events.get().kind == "supervision"


def test_the_phone_form_registers_with_photos_and_a_refused_form_keeps_the_text(web_as):
    client = web_as("gx_staff")
    gx = OrgUnit.objects.get(name="桂溪街道")
    form = {
        "title": "电动车楼道充电",
        "sector": "fire",
        "level": "general",
        "source": "self",
        "territory": gx.pk,
        "found_on": "2024-06-01",
        "deadline": "2024-05-01",
        "description": "三单元一楼",
    }
    response = client.post("/hazards/new/", form)
    page = response.content.decode()
    assert response.status_code == 400 and "整改期限不能早于发现日期" in page and "三单元一楼" in page
    response = client.post(
        "/hazards/new/",
        {
            **form,
            "deadline": "2024-06-05",
            "photos": [SimpleUploadedFile("1.png", PNG), SimpleUploadedFile("2.png", PNG)],
        },
    )
    assert response.status_code == 302
    hazard = Hazard.objects.get(title="电动车楼道充电")
    assert hazard.evidence.filter(stage="before").count() == 2
    page = client.get(f"/hazards/{hazard.pk}/").content.decode()
    assert 'capture="environment"' in client.get("/hazards/new/").content.decode()
    assert hazard.number in page and "登记" in page


def test_pages_hide_other_townships_hazards(web_as):
    hazard = HazardFactory(title="桂溪的隐患")
    client = web_as("sp_staff")
    assert client.get(f"/hazards/{hazard.pk}/").status_code == 404
    assert "桂溪的隐患" not in client.get("/hazards/").content.decode()
    evidence = hazard.evidence.create(
        stage="before",
        file=SimpleUploadedFile("p.png", PNG),
        original_name="p.png",
        content_type="image/png",
        size=len(PNG),
    )
    assert client.get(f"/hazards/evidence/{evidence.pk}/").status_code == 404
    assert web_as("gx_staff").get(f"/hazards/evidence/{evidence.pk}/").status_code == 200


def test_the_detail_page_offers_only_the_moves_the_person_may_make(web_as):
    hazard = HazardFactory(status=HazardStatus.RECTIFYING)
    assert "提交整改" in web_as("gx_staff").get(f"/hazards/{hazard.pk}/").content.decode()
    assert "提交整改" not in web_as("yjj_staff").get(f"/hazards/{hazard.pk}/").content.decode()
    response = web_as("gx_staff").post(f"/hazards/{hazard.pk}/transition/", {"to": "closed"})
    assert response.status_code == 400 and "隐患不能从“整改中”变为“已销号”" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/hazards/", "/hazards/"])
def test_the_list_takes_the_same_number_of_queries_for_10_and_100_hazards(path, web_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web_as("county_admin")
    client.get(path)
    counts = []
    for total in [10, 100]:
        HazardFactory.create_batch(total - Hazard.objects.count())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"page_size": 100}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_merging_enterprises_moves_their_hazards(demo_user):
    from core.services import enterprise_merge
    from tests.factories import EnterpriseFactory

    keep, other = EnterpriseFactory(), EnterpriseFactory()
    hazard = HazardFactory(enterprise=other)
    enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[other])
    hazard.refresh_from_db()
    assert hazard.enterprise == keep
