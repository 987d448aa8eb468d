"""What the printed documents (现场检查记录, 责令限期整改指令书) say beyond the record itself."""

COUNTY_ABBREVIATION = "垫"


def department_abbreviation(department):
    """应急局 -> 应急, 住建委 -> 住建: the department's word in a document number."""
    name = department.short_name or department.name
    return name[:-1] if len(name) > 2 and name[-1] in "局委办" else name


def _number(inspection, word):
    dept = department_abbreviation(inspection.department)
    return f"（{COUNTY_ABBREVIATION}）{dept}{word}〔{inspection.inspected_on.year}〕{inspection.number}号"


def order_number(inspection):
    """（垫）应急责改〔2024〕JC2024-000001号"""
    return _number(inspection, "责改")


def record_number(inspection):
    """（垫）应急检记〔2024〕JC2024-000001号"""
    return _number(inspection, "检记")
