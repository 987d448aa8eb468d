import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import EvidenceFile, OrgUnit, TimeStampedModel
from core.querysets import MembersOnlyQuerySet
from core.scoping import scope_for
from tasks.campaign_choices import Award, CallKind, CallStatus, CaseStatus


@pghistory.track()
class PracticeCall(TimeStampedModel):
    """年度典型实践案例征集 (key action 二): opened by the county office, read by every signed-in person."""

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("征集名称"), max_length=200)
    deadline = models.DateField(_("申报截止日期"))
    criteria = models.TextField(_("评选标准"))
    status = models.CharField(_("状态"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("评审专家"), related_name="practice_calls_to_review", blank=True
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("实践案例征集")
        verbose_name_plural = _("实践案例征集")
        ordering = ["-year", "kind", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="practice_call_one_per_year_kind"),
            models.CheckConstraint(
                condition=~Q(status=CallStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="practice_call_published_at",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice-call-detail", args=[self.pk])


class PracticeCaseQuerySet(models.QuerySet):
    """Before the results are out a unit sees only its own cases (the county office and the call's reviewers see
    the submitted ones); once published, every signed-in person sees the published cases. Drafts stay the unit's."""

    def visible_to(self, user):
        scope = scope_for(user)
        if scope.sees_all:
            return self
        if not scope.authenticated:
            return self.none()
        published = Q(status=CaseStatus.PUBLISHED, call__status=CallStatus.PUBLISHED)
        reviewing = Q(call__reviewers=user) & ~Q(status=CaseStatus.DRAFT)
        own = Q(unit_id__in=scope.unit_ids)
        ids = PracticeCase.objects.filter(own | published | reviewing).values("pk")
        return self.filter(pk__in=ids)

    def changeable_by(self, user):
        scope = scope_for(user)
        if scope.changes_all:
            return self
        return self.filter(unit_id__in=scope.writable_unit_ids)


@pghistory.track()
class PracticeCase(TimeStampedModel):
    """A unit's case for a call: 草稿 → 已申报 → (已退回) → 已评分 → 已公布 (获奖等次或未入选)."""

    call = models.ForeignKey(PracticeCall, verbose_name=_("征集"), on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("申报单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("案例名称"), max_length=200)
    summary = models.TextField(_("案例简介"))
    status = models.CharField(_("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    award = models.CharField(_("评选结果"), max_length=10, choices=Award.choices, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    submitted_at = models.DateTimeField(_("申报时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = PracticeCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("实践案例")
        verbose_name_plural = _("实践案例")
        ordering = ["-call__year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.RETURNED) | ~Q(return_reason=""), name="practice_case_return_reason"
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.PUBLISHED, award__in=[a.value for a in Award])
                | (~Q(status=CaseStatus.PUBLISHED) & Q(award="")),
                name="practice_case_award_when_published",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice-case-detail", args=[self.pk])


@pghistory.track()
class CaseAttachment(EvidenceFile):
    """申报材料: checked by content, served only to those who see the case."""

    case = models.ForeignKey(
        PracticeCase, verbose_name=_("实践案例"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(EvidenceFile.Meta):
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")


@pghistory.track()
class PracticeScore(TimeStampedModel):
    """One reviewer's score of a case (0–100); the case's score is the mean of its reviewers'."""

    case = models.ForeignKey(PracticeCase, verbose_name=_("实践案例"), on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评审人"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("评审意见"), blank=True)

    class Meta:
        verbose_name = _("案例评分")
        verbose_name_plural = _("案例评分")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reviewer"], name="practice_score_one_per_reviewer"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="practice_score_range"),
        ]

    def __str__(self):
        return f"{self.case} · {self.score}"


class CaseTransition(models.Model):
    """One row per state change of a case: who, when, from what to what, and why."""

    case = models.ForeignKey(
        PracticeCase, verbose_name=_("实践案例"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("原状态"), max_length=10, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=CaseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("案例流转记录")
        verbose_name_plural = _("案例流转记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case}：{self.from_status or '—'} → {self.to_status}"
