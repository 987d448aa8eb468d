import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from core.choices import ALLOWED_PARENT_KINDS, ROLE_UNIT_KINDS, EnterpriseScale, OrgUnitKind, Role, Sector
from core.evidence import evidence_upload_path
from core.querysets import EnterpriseQuerySet, OrgUnitQuerySet, ScopedQuerySet
from core.validators import normalize_credit_code, validate_credit_code


class TimeStampedModel(models.Model):
    """Base of every record: when it was made and last changed. Who did it is in its pghistory events."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class YearCounter(models.Model):
    """The last number given in a year (YH2024-000123, JC…, YJ…, SG…). `take` hands out the next one under the
    year's row lock, so two records never share a number, and a number is never given back."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def take(cls, year):
        return cls.take_block(year, 1)

    @classmethod
    def take_block(cls, year, count):
        """The first of `count` numbers in a row (an import takes its file's numbers at once). One statement: the
        upsert creates the year's row or locks and advances it, until the transaction ends."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (year, last) VALUES (%s, %s) "
                f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + EXCLUDED.last RETURNING last",
                [year, count],
            )
            return cursor.fetchone()[0] - count + 1


class EvidenceFile(models.Model):
    """A photo or document kept as evidence (佐证材料) of a record: checked by content on upload
    (core.evidence.check_evidence_file), stored under a random name, served only by the record's page."""

    file = models.FileField(_("文件"), upload_to=evidence_upload_path)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username


@pghistory.track()
class OrgUnit(TimeStampedModel):
    """A unit of the tree 县 → 乡镇/街道 → 村/社区 → 网格, with 县级部门 beside the townships."""

    code = models.CharField(_("编码"), max_length=32, unique=True, help_text=_("统计用区划代码，部门和网格用自定编码"))
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of codes ("500231/500231001/"): a subtree is one indexed prefix match.
    path = models.CharField(_("路径"), max_length=255, editable=False, db_index=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("组织单位")
        verbose_name_plural = _("组织单位")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="orgunit_path_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.code}/"
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.name

    def clean(self):
        allowed = ALLOWED_PARENT_KINDS.get(self.kind, set())
        parent_kind = self.parent.kind if self.parent_id else None
        if allowed and parent_kind not in allowed:
            names = "、".join(str(OrgUnitKind(k).label) for k in allowed)
            raise ValidationError(
                {"parent": _("%(kind)s的上级单位应为：%(names)s。") % {"kind": self.get_kind_display(), "names": names}}
            )
        if not allowed and self.parent_id:
            raise ValidationError({"parent": _("县不能有上级单位。")})


@pghistory.track()
class Membership(TimeStampedModel):
    """A person's role in one unit; a person may hold roles in several units."""

    user = models.ForeignKey(User, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"

    def clean(self):
        allowed = ROLE_UNIT_KINDS[Role(self.role)]
        if self.unit_id and self.unit.kind not in allowed:
            names = "、".join(str(OrgUnitKind(k).label) for k in allowed)
            raise ValidationError(
                {"unit": _("角色“%(role)s”只能设在：%(names)s。") % {"role": self.get_role_display(), "names": names}}
            )


@pghistory.track()
class Enterprise(TimeStampedModel):
    """生产经营单位. Belongs to a township (属地) and, where known, a supervising department (行业监管)."""

    SCOPE_FIELDS = ("township", "supervising_department")

    name = models.CharField(_("单位名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    sector = models.CharField(_("行业领域"), max_length=32, choices=Sector.choices)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所属乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="enterprises",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    supervising_department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("行业监管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_enterprises",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    scale = models.CharField(_("规模"), max_length=16, choices=EnterpriseScale.choices, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("生产经营单位")
        verbose_name_plural = _("生产经营单位")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credit_code=Upper("credit_code")), name="enterprise_credit_code_upper"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.credit_code = normalize_credit_code(self.credit_code)
        errors = {}
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            errors["township"] = _("所属单位必须是乡镇或街道。")
        if self.supervising_department_id and self.supervising_department.kind != OrgUnitKind.DEPARTMENT:
            errors["supervising_department"] = _("行业监管单位必须是县级部门。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class EnterpriseAlias(TimeStampedModel):
    """Another name of the same enterprise ("一企多牌"), kept after the records are merged into one."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("其他名称"), max_length=200, unique=True)

    SCOPE_FIELDS = ("enterprise__township", "enterprise__supervising_department")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位别名（一企多牌）")
        verbose_name_plural = _("单位别名（一企多牌）")
        ordering = ["name"]

    def __str__(self):
        return self.name


from core.models_idempotency import IdempotencyKey  # noqa: E402,F401  (keys of replayable creates)
from core.models_merge import EnterpriseMerge  # noqa: E402,F401  (一企多牌 merge events)
from core.models_tokens import ApiToken  # noqa: E402,F401  (API tokens of external systems)
