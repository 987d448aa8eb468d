import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel, YearCounter
from core.querysets import ScopedQuerySet
from core.scoping import scope_for
from disasters.choices_warnings import LEVEL_COLOURS, WarningLevel, WarningType


class WarningNumber(YearCounter):
    """The last warning number given in a year; taken under a row lock, never given back."""

    class Meta:
        verbose_name = _("预警编号计数")
        verbose_name_plural = _("预警编号计数")


class WarningQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(lifted_at__isnull=True)

    def visible_to(self, user):
        """County-wide roles see every warning; a department sees those it issued; a township, its villages and
        grids see the warnings whose area holds the township."""
        scope = scope_for(user)
        if scope.sees_all:
            return self
        if not scope.authenticated:
            return self.none()
        near = Q(township_id__in=scope.unit_ids) | Q(township__code__in=scope.ancestor_codes)
        in_area = Exists(WarningAcknowledgement.objects.filter(near, warning=OuterRef("pk")))
        return self.filter(Q(issuing_unit_id__in=scope.unit_ids) | in_area)


@pghistory.track()
class Warning(TimeStampedModel):
    """预警. Issued, acknowledged, responded to and lifted only through disasters.warning_services."""

    number = models.CharField(_("编号"), max_length=20, unique=True, editable=False)
    type = models.CharField(_("预警类型"), max_length=16, choices=WarningType.choices)
    level = models.CharField(_("预警级别"), max_length=8, choices=WarningLevel.choices)
    text = models.TextField(_("预警内容"))
    issued_at = models.DateTimeField(_("发布时间"))
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("发布单位"),
        on_delete=models.PROTECT,
        related_name="issued_warnings",
        limit_choices_to={"kind__in": [OrgUnitKind.COUNTY, OrgUnitKind.DEPARTMENT]},
    )
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("解除人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = WarningQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | Q(lifted_at__gte=models.F("issued_at")),
                name="warning_lifted_after",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.get_type_display()}{self.get_level_display()}预警"

    @property
    def in_force(self):
        return self.lifted_at is None

    @property
    def colours(self):
        return LEVEL_COLOURS[WarningLevel(self.level)]


@pghistory.track()
class WarningAcknowledgement(models.Model):
    """叫应: one row per township of the warning's area; the township answers by `due_at` or is chased."""

    SCOPE_FIELDS = ("township",)

    warning = models.ForeignKey(
        Warning, verbose_name=_("预警"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="warning_acknowledgements",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    due_at = models.DateTimeField(_("应叫应时间"), db_index=True)  # the chase selects by it
    acknowledged_at = models.DateTimeField(_("叫应时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("叫应人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf = models.BooleanField(_("县安委办代为叫应"), default=False)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警叫应")
        verbose_name_plural = _("预警叫应")
        ordering = ["township__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["warning", "township"], name="warning_ack_once"),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="warning_ack_by_whom",
            ),
        ]

    def __str__(self):
        return f"{self.warning.number} · {self.township}"

    @property
    def is_acknowledged(self):
        return self.acknowledged_at is not None


@pghistory.track()
class WarningResponse(models.Model):
    """The response to a warning in a township (or one of its villages): 断、禁、停、撤、疏 and people moved."""

    SCOPE_FIELDS = ("township",)

    warning = models.ForeignKey(Warning, verbose_name=_("预警"), on_delete=models.CASCADE, related_name="responses")
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="warning_responses",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_warning_responses",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    cut_off = models.BooleanField(_("断（断电、断路）"), default=False)
    ban_entry = models.BooleanField(_("禁（禁止进入）"), default=False)
    stop_work = models.BooleanField(_("停（停工、停课、停业）"), default=False)
    evacuate = models.BooleanField(_("撤（撤离）"), default=False)
    disperse = models.BooleanField(_("疏（疏散）"), default=False)
    people_moved = models.PositiveIntegerField(_("转移人数"), default=0)
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("填报时间"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警响应")
        verbose_name_plural = _("预警响应")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(people_moved__gte=0), name="warning_response_people_positive"),
        ]

    def __str__(self):
        return f"{self.warning.number} · {self.village or self.township}"
