"""The state machine of a best-practice case (key action 二), one function per change.

草稿 → 已申报 → 已评分 → 已公布 (一等/二等/三等/优秀 or 未入选); a reviewer may return a submitted case with a reason
(已退回), and the unit sends it again while the results are not out. Each change locks the row, checks the
transition and the actor, and writes a CaseTransition row (who, when, from, to, why). Scores are entered by the
county office or the call's designated reviewers while the call is under review; the results are published by
the county office only, after the deadline, and only when no submitted case is left unscored.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tasks.campaign_choices import Award, CallStatus, CaseStatus
from tasks.models import CaseTransition, PracticeCall, PracticeCase, PracticeScore
from tasks.practice_services import call_accepts_cases, may_manage_calls, may_write_case

OWNER, REVIEWER, OFFICE = "owner", "reviewer", "office"
TRANSITIONS = {
    (CaseStatus.DRAFT, CaseStatus.SUBMITTED): OWNER,
    (CaseStatus.RETURNED, CaseStatus.SUBMITTED): OWNER,
    (CaseStatus.SUBMITTED, CaseStatus.RETURNED): REVIEWER,
    (CaseStatus.SUBMITTED, CaseStatus.SCORED): REVIEWER,
    (CaseStatus.SCORED, CaseStatus.PUBLISHED): OFFICE,
}


def may_review_call(user, call):
    """The county office, or a reviewer the office designated for this call."""
    if not user.is_authenticated:
        return False
    return may_manage_calls(user) or call.reviewers.filter(pk=user.pk).exists()


def _allowed(actor, case, who):
    if who == OWNER:
        return may_write_case(actor, case.unit)
    if who == REVIEWER:
        return may_review_call(actor, case.call)
    return may_manage_calls(actor)


REFUSALS = {
    OWNER: gettext_lazy("只有申报单位的负责人和工作人员可以申报案例。"),
    REVIEWER: gettext_lazy("只有安委办或本次征集的评审专家可以评审案例。"),
    OFFICE: gettext_lazy("只有安委办可以公布评选结果。"),
}


def _transition(*, actor, case, to, note=""):
    case = PracticeCase.objects.select_for_update(of=("self",)).select_related("unit", "call").get(pk=case.pk)
    who = TRANSITIONS.get((case.status, to))
    if who is None:
        raise ValidationError(
            {
                "status": _("案例不能从“%(from)s”变为“%(to)s”。")
                % {"from": case.get_status_display(), "to": CaseStatus(to).label}
            }
        )
    if not _allowed(actor, case, who):
        raise PermissionDenied(str(REFUSALS[who]))
    CaseTransition.objects.create(case=case, from_status=case.status, to_status=to, actor=actor, note=note)
    case.status = to
    return case


@transaction.atomic
def practice_case_submit(*, actor, case):
    case = _transition(actor=actor, case=case, to=CaseStatus.SUBMITTED)
    if case.call.status == CallStatus.PUBLISHED:
        raise ValidationError({"status": _("评选结果已公布，不能再申报。")})
    # A first submission only before the deadline; a returned case may come back while the review goes on.
    if not case.submitted_at and not call_accepts_cases(case.call):
        raise ValidationError(
            {"status": _("该征集已截止（%(d)s），不能再申报。") % {"d": case.call.deadline.isoformat()}}
        )
    case.submitted_at = timezone.now()
    case.save(update_fields=["status", "submitted_at", "updated_at"])
    return case


@transaction.atomic
def practice_case_return(*, actor, case, reason):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("退回时必须填写退回理由。")})
    case = _transition(actor=actor, case=case, to=CaseStatus.RETURNED, note=reason.strip())
    case.return_reason = reason.strip()
    case.save(update_fields=["status", "return_reason", "updated_at"])
    return case


@transaction.atomic
def practice_case_score(*, actor, case, score, comment=""):
    """Enter or change the actor's score of a case; the first score of a submitted case makes it 已评分."""
    case = PracticeCase.objects.select_for_update(of=("self",)).select_related("unit", "call").get(pk=case.pk)
    if not may_review_call(actor, case.call):
        raise PermissionDenied(str(REFUSALS[REVIEWER]))
    if case.call.status != CallStatus.REVIEWING:
        raise ValidationError({"score": _("征集进入评审阶段后才能评分。")})
    if case.status not in (CaseStatus.SUBMITTED, CaseStatus.SCORED):
        raise ValidationError({"score": _("“%(s)s”的案例不能评分。") % {"s": case.get_status_display()}})
    if score is None or not (0 <= score <= 100):
        raise ValidationError({"score": _("评分应在0到100之间。")})
    PracticeScore.objects.update_or_create(
        case=case, reviewer=actor, defaults={"score": score, "comment": (comment or "").strip()}
    )
    if case.status == CaseStatus.SUBMITTED:
        case = _transition(actor=actor, case=case, to=CaseStatus.SCORED)
        case.save(update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def practice_call_start_review(*, actor, call):
    call = PracticeCall.objects.select_for_update().get(pk=call.pk)
    if not may_manage_calls(actor):
        raise PermissionDenied(_("只有安委办可以组织评审。"))
    if call.status != CallStatus.OPEN:
        raise ValidationError({"status": _("该征集已“%(s)s”。") % {"s": call.get_status_display()}})
    if timezone.localdate() <= call.deadline:
        raise ValidationError({"status": _("申报截止（%(d)s）后才能开始评审。") % {"d": call.deadline.isoformat()}})
    call.status = CallStatus.REVIEWING
    call.save(update_fields=["status", "updated_at"])
    return call


@transaction.atomic
def practice_call_publish(*, actor, call, awards):
    """Publish the results: `awards` maps each scored case's id to its Award (未入选 included)."""
    call = PracticeCall.objects.select_for_update().get(pk=call.pk)
    if not may_manage_calls(actor):
        raise PermissionDenied(str(REFUSALS[OFFICE]))
    if call.status != CallStatus.REVIEWING:
        raise ValidationError({"status": _("征集进入评审阶段后才能公布结果。")})
    if timezone.localdate() <= call.deadline:
        raise ValidationError({"status": _("申报截止（%(d)s）后才能公布结果。") % {"d": call.deadline.isoformat()}})
    waiting = call.cases.filter(status=CaseStatus.SUBMITTED).count()
    if waiting:
        raise ValidationError({"status": _("尚有%(n)d个已申报的案例未评分，不能公布。") % {"n": waiting}})
    scored = list(call.cases.filter(status=CaseStatus.SCORED).order_by("pk"))
    missing = [case.title for case in scored if awards.get(case.pk) not in Award.values]
    if missing:
        raise ValidationError({"awards": _("请为每个案例选择评选结果：%(t)s。") % {"t": "、".join(missing)}})
    for case in scored:
        case = _transition(actor=actor, case=case, to=CaseStatus.PUBLISHED, note=Award(awards[case.pk]).label)
        case.award = awards[case.pk]
        case.save(update_fields=["status", "award", "updated_at"])
    call.status, call.published_at = CallStatus.PUBLISHED, timezone.now()
    call.save(update_fields=["status", "published_at", "updated_at"])
    return call
