"""The safety credit record of an enterprise, computed from the records that produce it (never stored twice):
accidents (production-accident investigations naming the enterprise), major hazards, overdue rectifications,
penalties and the county's 警示曝光. Each entry names its rule (inspections.credit_rules) and its source record.

The record is the enterprise's, the same for every reader: it counts every source row, including those of a
department the reader does not see (whose links then answer 404 to them)."""

from dataclasses import dataclass, field

import django_filters
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from core.models import Enterprise
from hazards.choices import HazardLevel, HazardStatus
from hazards.models import Hazard
from inspections.credit_choices import CreditGrade
from inspections.credit_rules import (
    ACCIDENT_RULES,
    GRADE_FLOORS,
    NOTICE_RULES,
    RULES,
    RULES_BY_CODE,
    START_SCORE,
    Source,
    grade_of,
    score_of,
)
from inspections.investigation_choices import InvestigationKind
from inspections.models import CreditNotice, Investigation, Penalty


@dataclass
class CreditEntry:
    rule: object
    on: object  # the date of the source record
    title: str
    source_type: str
    source_id: int
    url: str

    @property
    def points(self):
        return self.rule.points


@dataclass
class CreditRecord:
    enterprise: Enterprise
    entries: list = field(default_factory=list)

    @property
    def deducted(self):
        return sum(e.points for e in self.entries)

    @property
    def score(self):
        return score_of(self.deducted)

    @property
    def grade(self):
        return CreditGrade(grade_of(self.score))

    @property
    def start(self):
        return START_SCORE


def _overdue(today):
    return Q(deadline__lt=today) & ~Q(status=HazardStatus.CLOSED)


def _accidents():
    return Investigation.objects.filter(kind=InvestigationKind.PRODUCTION_ACCIDENT)


def _accident_entries(enterprise):
    for inv in _accidents().filter(enterprises=enterprise).order_by("occurred_at", "pk"):
        rule = RULES_BY_CODE[ACCIDENT_RULES[inv.level]]
        url = reverse("inspections:investigation-detail", args=[inv.pk])
        yield CreditEntry(rule, timezone.localdate(inv.occurred_at), str(inv), Source.ACCIDENT, inv.pk, url)


def _hazard_entries(enterprise, today):
    rows = Hazard.objects.filter(Q(level=HazardLevel.MAJOR) | _overdue(today), enterprise=enterprise)
    for hazard in rows.order_by("found_on", "pk"):
        url = reverse("hazards:detail", args=[hazard.pk])
        title = f"{hazard.number} {hazard.title}"
        if hazard.level == HazardLevel.MAJOR:
            yield CreditEntry(RULES_BY_CODE["major_hazard"], hazard.found_on, title, Source.HAZARD, hazard.pk, url)
        if hazard.deadline < today and hazard.status != HazardStatus.CLOSED:
            rule = RULES_BY_CODE["overdue_rectification"]
            yield CreditEntry(rule, hazard.deadline, title, Source.HAZARD, hazard.pk, url)


def _penalty_entries(enterprise):
    for penalty in Penalty.objects.filter(enterprise=enterprise).order_by("decided_on", "pk"):
        code = "penalty_enterprise" if penalty.party_kind == "enterprise" else "penalty_person"
        url = reverse("inspections:penalty-detail", args=[penalty.pk])
        title = penalty.decision_number + (f"（{penalty.person_name}）" if penalty.person_name else "")
        yield CreditEntry(RULES_BY_CODE[code], penalty.decided_on, title, Source.PENALTY, penalty.pk, url)


def _notice_entries(enterprise):
    url = reverse("inspections:credit-record", args=[enterprise.pk])
    for notice in CreditNotice.objects.filter(enterprise=enterprise).order_by("issued_on", "pk"):
        rule = RULES_BY_CODE[NOTICE_RULES[notice.kind]]
        title = f"{notice.get_kind_display()}：{notice.reason}"
        yield CreditEntry(rule, notice.issued_on, title, Source.NOTICE, notice.pk, f"{url}#notice-{notice.pk}")


def credit_record(*, enterprise, today=None):
    """The enterprise's record: every entry, oldest first; four queries."""
    today = today or timezone.localdate()
    entries = [
        *_accident_entries(enterprise),
        *_hazard_entries(enterprise, today),
        *_penalty_entries(enterprise),
        *_notice_entries(enterprise),
    ]
    entries.sort(key=lambda e: (e.on, e.source_type, e.source_id))
    return CreditRecord(enterprise=enterprise, entries=entries)


def credit_notices(*, enterprise):
    return CreditNotice.objects.filter(enterprise=enterprise).select_related("issued_by", "recorded_by")


# The overview computes the same score in SQL, one subquery per rule, so that it filters and pages by grade.
def _count(rows, field="enterprise"):
    sub = rows.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def _rule_counts(today):
    links = Investigation.enterprises.through.objects.filter(investigation__kind=InvestigationKind.PRODUCTION_ACCIDENT)
    counts = {code: _count(links.filter(investigation__level=level)) for level, code in ACCIDENT_RULES.items()}
    counts["major_hazard"] = _count(Hazard.objects.filter(level=HazardLevel.MAJOR))
    counts["overdue_rectification"] = _count(Hazard.objects.filter(_overdue(today)))
    counts["penalty_enterprise"] = _count(Penalty.objects.filter(party_kind="enterprise"))
    counts["penalty_person"] = _count(Penalty.objects.exclude(party_kind="enterprise"))
    for kind, code in NOTICE_RULES.items():
        counts[code] = _count(CreditNotice.objects.filter(kind=kind))
    return counts


def with_credit(queryset, today=None):
    """Enterprises annotated with `credit_deducted`, `credit_score` and `credit_grade` (the rules of
    credit_rules, as credit_record computes them) and `n_<rule>` per rule."""
    today = today or timezone.localdate()
    counts = _rule_counts(today)
    queryset = queryset.annotate(**{f"n_{code}": expr for code, expr in counts.items()})
    deducted = sum((Value(rule.points) * counts[rule.code] for rule in RULES), Value(0))
    queryset = queryset.annotate(credit_deducted=deducted).annotate(
        credit_score=Greatest(Value(START_SCORE) - deducted, Value(0))
    )
    whens = [When(credit_score__gte=floor, then=Value(grade.value)) for floor, grade in GRADE_FLOORS]
    return queryset.annotate(credit_grade=Case(*whens, default=Value(CreditGrade.D.value)))


class CreditFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """The county overview's filters (page and API): grade, township, sector, name."""

    grade = django_filters.ChoiceFilter(
        label=_("信用等级"), choices=CreditGrade.choices, field_name="credit_grade", empty_label=_("全部等级")
    )
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    sector = django_filters.CharFilter(label=_("行业领域"), field_name="sector")
    q = django_filters.CharFilter(label=_("单位名称"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Enterprise
        fields = ["grade", "township", "sector", "q"]


def credit_queryset(*, user, today=None):
    return with_credit(Enterprise.objects.visible_to(user).select_related("township"), today)


def credit_list(*, user, filters=None, today=None):
    return CreditFilterSet(filters, queryset=credit_queryset(user=user, today=today).order_by("credit_score", "name"))


def credit_list_rows(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def grade_totals(queryset):
    """Enterprises per grade of the (filtered) rows: one query."""
    rows = queryset.order_by().values("credit_grade").annotate(n=Count("pk"))
    found = {row["credit_grade"]: row["n"] for row in rows}
    return [(grade, found.get(grade.value, 0)) for grade in CreditGrade]
