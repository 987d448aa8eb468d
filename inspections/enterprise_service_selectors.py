"""Reads of trainings, certificates, insurance policies and benchmark enterprises, scoped to the person asking;
the pages and the API share them. Expiry (30/90 days, expired) is derived against today, never stored."""

import datetime

import django_filters
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from core.models import Enterprise
from inspections.credit_choices import ExpiryState
from inspections.models import (
    BenchmarkEnterprise,
    Incentive,
    InsurancePolicy,
    SafetyCertificate,
    Training,
    TrainingAttendee,
)


def _expiry_q(state, field, today):
    if state == ExpiryState.EXPIRED:
        return Q(**{f"{field}__lt": today})
    if state == ExpiryState.EXPIRING_30:
        return Q(**{f"{field}__gte": today, f"{field}__lte": today + datetime.timedelta(days=30)})
    if state == ExpiryState.EXPIRING_90:
        return Q(**{f"{field}__gte": today, f"{field}__lte": today + datetime.timedelta(days=90)})
    return Q(**{f"{field}__gt": today + datetime.timedelta(days=90)})


class ExpiryFilterMixin:
    EXPIRY_FIELD = "expires_on"

    def filter_expiry(self, queryset, name, value):
        return queryset.filter(_expiry_q(value, self.EXPIRY_FIELD, timezone.localdate()))


EXPIRY_CHOICES = [
    (ExpiryState.EXPIRING_30.value, _("30天内到期")),
    (ExpiryState.EXPIRING_90.value, _("90天内到期")),
    (ExpiryState.EXPIRED.value, _("已过期")),
    (ExpiryState.VALID.value, _("有效（90天以上）")),
]


class TrainingFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    organizer = django_filters.NumberFilter(label=_("组织单位ID"), field_name="organizer_id")
    year = django_filters.NumberFilter(label=_("年度"), field_name="starts_on__year", min_value=2000, max_value=2100)
    q = django_filters.CharFilter(label=_("培训名称"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = Training
        fields = ["organizer", "year", "q"]


class CertificateFilterSet(ExpiryFilterMixin, SmallSelectsMixin, django_filters.FilterSet):
    expiry = django_filters.ChoiceFilter(
        label=_("有效期"), choices=EXPIRY_CHOICES, method="filter_expiry", empty_label=_("全部证书")
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    kind = django_filters.CharFilter(label=_("证书类别"), field_name="kind")

    class Meta:
        model = SafetyCertificate
        fields = ["expiry", "enterprise", "kind"]


class InsuranceFilterSet(ExpiryFilterMixin, SmallSelectsMixin, django_filters.FilterSet):
    EXPIRY_FIELD = "ends_on"

    expiry = django_filters.ChoiceFilter(
        label=_("保险期"), choices=EXPIRY_CHOICES, method="filter_expiry", empty_label=_("全部保单")
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")

    class Meta:
        model = InsurancePolicy
        fields = ["expiry", "enterprise"]


def training_queryset(*, user):
    return (
        Training.objects.visible_to(user)
        .select_related("organizer")
        .annotate(
            n_attendees=Count("attendees", distinct=True),
            n_passed=Count("attendees", filter=Q(attendees__passed=True), distinct=True),
        )
        .order_by("-starts_on", "-pk")
    )


def training_list(*, user, filters=None):
    return TrainingFilterSet(filters, queryset=training_queryset(user=user))


def list_rows(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def training_detail_queryset(*, user):
    return training_queryset(user=user).prefetch_related(
        Prefetch(
            "attendees",
            queryset=TrainingAttendee.objects.select_related("enterprise").order_by("enterprise__name", "person_name"),
        ),
        Prefetch("certificates", queryset=SafetyCertificate.objects.select_related("enterprise").order_by("number")),
    )


def certificate_queryset(*, user):
    return SafetyCertificate.objects.visible_to(user).select_related("enterprise", "enterprise__township", "training")


def certificate_list(*, user, filters=None):
    return CertificateFilterSet(filters, queryset=certificate_queryset(user=user))


def insurance_queryset(*, user):
    return InsurancePolicy.objects.visible_to(user).select_related("enterprise", "enterprise__township")


def insurance_list(*, user, filters=None):
    return InsuranceFilterSet(filters, queryset=insurance_queryset(user=user))


def enterprise_insurance_status(*, user, today=None):
    """The person's enterprises with whether a policy covers them today and when the latest cover ends:
    `covered` (a policy in force), `cover_ends` (the latest end date of a policy in force). One query."""
    today = today or timezone.localdate()
    in_force = InsurancePolicy.objects.filter(enterprise=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    latest = in_force.order_by("-ends_on").values("ends_on")[:1]
    return (
        Enterprise.objects.visible_to(user)
        .select_related("township")
        .annotate(covered=Exists(in_force), cover_ends=latest)
        .order_by("covered", "cover_ends", "name")
    )


def insurance_gaps(*, user, today=None):
    """Enterprises without a policy in force, and those whose cover ends within 30 days: (uninsured, expiring)."""
    today = today or timezone.localdate()
    rows = list(enterprise_insurance_status(user=user, today=today))
    soon = today + datetime.timedelta(days=30)
    return [e for e in rows if not e.covered], [e for e in rows if e.covered and e.cover_ends <= soon]


def benchmark_queryset(*, user):
    return (
        BenchmarkEnterprise.objects.visible_to(user)
        .select_related("enterprise", "enterprise__township")
        .prefetch_related(Prefetch("incentives", queryset=Incentive.objects.order_by("granted_on", "pk")))
    )


def enterprise_services_summary(*, user, enterprise):
    """An enterprise's certificates, policies and benchmark years for its page section."""
    return {
        "certificates": list(certificate_queryset(user=user).filter(enterprise=enterprise).order_by("expires_on")),
        "policies": list(insurance_queryset(user=user).filter(enterprise=enterprise).order_by("-ends_on")),
        "benchmarks": list(benchmark_queryset(user=user).filter(enterprise=enterprise)),
    }
