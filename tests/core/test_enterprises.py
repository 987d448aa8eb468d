import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Enterprise, EnterpriseAlias, OrgUnit
from core.services import enterprise_create, enterprise_merge
from tests.factories import EnterpriseFactory


def test_merging_one_enterprise_under_several_names_keeps_the_other_name_as_alias(demo_user):
    gx = OrgUnit.objects.get(name="桂溪街道")
    keep = EnterpriseFactory(township=gx, name="垫江县某建材有限公司")
    other = EnterpriseFactory(township=gx, name="垫江县某建材厂")
    EnterpriseAlias.objects.create(enterprise=other, name="某建材厂老厂")
    enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[other], note="一企多牌整合")
    assert not Enterprise.objects.filter(pk=other.pk).exists()
    assert set(keep.aliases.values_list("name", flat=True)) == {"垫江县某建材厂", "某建材厂老厂"}
    assert list(Enterprise.objects.search("某建材厂老厂")) == [keep]


def test_merging_across_units_needs_rights_on_both(demo_user):
    keep = EnterpriseFactory(township=OrgUnit.objects.get(name="桂溪街道"))
    other = EnterpriseFactory(township=OrgUnit.objects.get(name="沙坪镇"))
    with pytest.raises(PermissionDenied):
        enterprise_merge(actor=demo_user("gx_staff"), keep=keep, duplicates=[other])
    assert Enterprise.objects.filter(pk=other.pk).exists()


def test_an_enterprise_cannot_be_merged_into_itself(demo_user):
    keep = EnterpriseFactory()
    with pytest.raises(ValidationError):
        enterprise_merge(actor=demo_user("county_admin"), keep=keep, duplicates=[keep])


def test_the_same_credit_code_cannot_be_registered_twice(demo_user):
    existing = EnterpriseFactory()
    with pytest.raises(ValidationError) as error:
        enterprise_create(
            actor=demo_user("county_admin"),
            name="重复",
            credit_code=existing.credit_code.lower(),
            sector="other",
            township=existing.township,
        )
    assert "credit_code" in error.value.message_dict


def test_an_enterprise_must_sit_in_a_township(demo_user):
    with pytest.raises(ValidationError) as error:
        enterprise_create(
            actor=demo_user("county_admin"),
            name="挂错单位",
            credit_code="91110000802100433B",
            sector="other",
            township=OrgUnit.objects.get(code="500231001001"),
        )
    assert "township" in error.value.message_dict
