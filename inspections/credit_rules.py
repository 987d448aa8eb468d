"""The safety credit's scoring table (安全信用评分规则): every enterprise starts from 100 points and each record
below deducts its points; the grade follows from the total. Kept in code, in one table, so that the record page,
the county overview and the API explain a score with the same rules."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from inspections.credit_choices import CreditGrade, NoticeKind
from inspections.investigation_choices import AccidentLevel

START_SCORE = 100
# (lowest score of the grade, grade), best first; below the last floor: D.
GRADE_FLOORS = [(90, CreditGrade.A), (75, CreditGrade.B), (60, CreditGrade.C)]


class Source:
    ACCIDENT = "investigation"
    HAZARD = "hazard"
    PENALTY = "penalty"
    NOTICE = "credit_notice"


SOURCE_LABELS = {
    Source.ACCIDENT: _("生产安全事故"),
    Source.HAZARD: _("事故隐患"),
    Source.PENALTY: _("行政处罚"),
    Source.NOTICE: _("警示曝光"),
}


@dataclass(frozen=True)
class Rule:
    code: str
    source: str
    label: str
    points: int


RULES = [
    Rule("accident_general", Source.ACCIDENT, _("发生一般生产安全事故"), 20),
    Rule("accident_larger", Source.ACCIDENT, _("发生较大生产安全事故"), 30),
    Rule("accident_major", Source.ACCIDENT, _("发生重大生产安全事故"), 40),
    Rule("accident_especially_major", Source.ACCIDENT, _("发生特别重大生产安全事故"), 60),
    Rule("major_hazard", Source.HAZARD, _("存在重大事故隐患"), 10),
    Rule("overdue_rectification", Source.HAZARD, _("隐患逾期未整改"), 5),
    Rule("penalty_enterprise", Source.PENALTY, _("单位受到行政处罚"), 10),
    Rule("penalty_person", Source.PENALTY, _("主要负责人受到行政处罚（一案双罚）"), 5),
    Rule("notice_interview", Source.NOTICE, _("被约谈"), 3),
    Rule("notice_warning_letter", Source.NOTICE, _("收到警示函"), 5),
    Rule("notice_exposure", Source.NOTICE, _("被公开曝光"), 10),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}
ACCIDENT_RULES = {
    AccidentLevel.GENERAL: "accident_general",
    AccidentLevel.LARGER: "accident_larger",
    AccidentLevel.MAJOR: "accident_major",
    AccidentLevel.ESPECIALLY_MAJOR: "accident_especially_major",
}
NOTICE_RULES = {
    NoticeKind.INTERVIEW: "notice_interview",
    NoticeKind.WARNING_LETTER: "notice_warning_letter",
    NoticeKind.EXPOSURE: "notice_exposure",
}


def score_of(deducted):
    return max(0, START_SCORE - deducted)


def grade_of(score):
    for floor, grade in GRADE_FLOORS:
        if score >= floor:
            return grade
    return CreditGrade.D
