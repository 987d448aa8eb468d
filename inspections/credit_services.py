"""警示曝光: the county office (安委办) issues an interview (约谈), a warning letter (警示函) or a public exposure
(公开曝光) to an enterprise; it is listed on the enterprise's credit record and deducts by the credit rules."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.scoping import scope_for
from inspections.credit_choices import NoticeKind
from inspections.models import CreditNotice


def may_issue_notice(user):
    return scope_for(user).changes_all


def credit_notice_issue(*, actor, enterprise, kind, issued_on, reason):
    if not may_issue_notice(actor):
        raise PermissionDenied(_("只有安委办管理员可以发出警示曝光。"))
    errors = {}
    if kind not in NoticeKind.values:
        errors["kind"] = [_("类别须是约谈、警示函或公开曝光。")]
    if not (reason or "").strip():
        errors["reason"] = [_("请填写事由。")]
    if issued_on and issued_on > timezone.localdate():
        errors["issued_on"] = [_("日期不能晚于今天。")]
    if errors:
        raise ValidationError(errors)
    county = OrgUnit.objects.get(kind=OrgUnitKind.COUNTY, parent__isnull=True)
    notice = CreditNotice(
        enterprise=enterprise,
        kind=kind,
        issued_on=issued_on,
        reason=reason.strip(),
        issued_by=county,
        recorded_by=actor,
    )
    notice.save()
    return notice
