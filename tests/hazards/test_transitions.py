"""Every cell of the transition table: each (from, to) pair, for the unit that may make the move and for those
who may not, and the rules of closing."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.choices import Role
from core.models import OrgUnit
from hazards.choices import EvidenceStage, HazardStatus
from hazards.models import Hazard, HazardEvidence
from hazards.workflow import TRANSITIONS, hazard_transition
from tests.factories import MembershipFactory, UserFactory
from tests.hazards.factories import HazardFactory

S = HazardStatus
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TERRITORY_USERS = ["gx_staff", "gx_head", "gx_grid_over_village"]
SUPERVISOR_USERS = ["yjj_staff", "yjj_head", "county_admin"]
NOBODY = ["sp_staff", "jtj_head", "county_leader", "auditor"]


@pytest.fixture
def actor(demo_user):
    def get(name):
        if name == "gx_grid_over_village":  # a grid member of the village the hazard sits in
            return demo_user("gx_grid")
        return demo_user(name)

    return get


def hazard_in(status):
    hazard = HazardFactory(status=status, territory=OrgUnit.objects.get(code="500231001001-G01"))
    HazardEvidence.objects.create(
        hazard=hazard,
        stage=EvidenceStage.AFTER,
        file=SimpleUploadedFile("a.png", PNG),
        original_name="a.png",
        content_type="image/png",
        size=len(PNG),
    )
    return hazard


def comment_for(frm, to):
    return "理由" if TRANSITIONS.get((frm, to), (None, None, False))[2] else ""


CELLS = [(frm, to) for frm, to in itertools.permutations(S.values, 2)]


@pytest.mark.parametrize(("frm", "to"), CELLS)
@pytest.mark.parametrize("who", TERRITORY_USERS + SUPERVISOR_USERS + NOBODY)
def test_every_cell_of_the_transition_table(frm, to, who, actor):
    hazard = hazard_in(frm)
    move = TRANSITIONS.get((frm, to))
    allowed_group = None if move is None else (TERRITORY_USERS if move[0] == "territory" else SUPERVISOR_USERS)
    call = lambda: hazard_transition(hazard=hazard, to=to, actor=actor(who), comment=comment_for(frm, to))  # noqa: E731
    if move is None:
        with pytest.raises(ValidationError) as error:
            call()
        assert "to" in error.value.message_dict
    elif who in allowed_group:
        assert call().status == to
        assert hazard.events.filter(from_status=frm, to_status=to, actor=actor(who)).exists()
        return
    else:
        with pytest.raises(PermissionDenied):
            call()
    assert Hazard.objects.get(pk=hazard.pk).status == frm
    assert not hazard.events.exists()


def test_a_return_needs_a_reason(demo_user):
    hazard = hazard_in(S.VERIFYING)
    with pytest.raises(ValidationError) as error:
        hazard_transition(hazard=hazard, to=S.RECTIFYING, actor=demo_user("yjj_head"), comment="  ")
    assert error.value.message_dict == {"comment": ["“退回整改”必须说明理由。"]}


def test_closing_needs_after_evidence(demo_user):
    hazard = HazardFactory(status=S.VERIFYING)
    with pytest.raises(ValidationError) as error:
        hazard_transition(hazard=hazard, to=S.CLOSED, actor=demo_user("yjj_head"))
    assert error.value.message_dict == {"files": ["销号前必须有整改后的佐证材料（照片或文件）。"]}
    closed = hazard_transition(
        hazard=hazard, to=S.CLOSED, actor=demo_user("yjj_head"), files=[SimpleUploadedFile("after.jpg", PNG)]
    )
    assert closed.status == S.CLOSED and closed.closed_at is not None


def test_nobody_closes_their_own_rectification(demo_user):
    both = UserFactory()
    MembershipFactory(user=both, unit=OrgUnit.objects.get(name="桂溪街道"), role=Role.TOWNSHIP_STAFF)
    MembershipFactory(user=both, unit=OrgUnit.objects.get(short_name="应急局"), role=Role.DEPT_STAFF)
    hazard = hazard_in(S.RECTIFYING)
    hazard_transition(hazard=hazard, to=S.VERIFYING, actor=both)
    with pytest.raises(ValidationError) as error:
        hazard_transition(hazard=hazard, to=S.CLOSED, actor=both)
    assert error.value.message_dict == {"to": ["不能验收自己提交的整改，请由其他人员验收。"]}
    assert hazard_transition(hazard=hazard, to=S.CLOSED, actor=demo_user("yjj_head")).status == S.CLOSED


def test_a_fake_photo_is_refused_and_the_hazard_is_unchanged(demo_user):
    hazard = hazard_in(S.RECTIFYING)
    fake = SimpleUploadedFile("after.jpg", b"%!PS-Adobe not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        hazard_transition(hazard=hazard, to=S.VERIFYING, actor=demo_user("gx_staff"), files=[fake])
    assert Hazard.objects.get(pk=hazard.pk).status == S.RECTIFYING
    assert not hazard.events.exists()
