"""Small, known figures in the shape of `dashboards.figures.summary()`, to test the document engine alone."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from dashboards.figures.base import BreakdownRow, Figure, TargetRow
from inspections.bulletin import enforcement_figures

Fig, Row, Target = Figure, BreakdownRow, TargetRow


def fake_summary(*, user, on, unit=None, found=3, closed=2, patrols_done=7):
    """A state whose every figure is distinct, so a test can tell them apart in the text."""
    measures = [
        Fig("total", "措施总数", 101),
        Fig("done", "已完成", 41),
        Fig("in_progress", "正在推进", 37),
        Fig("behind", "滞后", 9),
        Fig("overdue", "逾期", 8),
        Fig("not_started", "未启动", 6),
    ]
    plan = SimpleNamespace(
        measures=measures,
        colours=[Fig("red", "红色督办", 5), Fig("yellow", "黄色督办", 11), Fig("blue", "蓝色督办", 4)],
        systems=[Row("s1", "责任体系", 30, 12, 2), Row("s2", "预防体系", 71, 29, 6)],
        work_items=[Row("w1", "压实安全生产责任", 30, 12, 2)],
        overdue_by_unit=[Row("u1", "应急局", 13, 5, 3), Row("u2", "桂溪街道", 9, 2, 5)],
        targets=[Target(1, "亿元GDP生产安全事故死亡率", "人", Decimal("0.02"), Decimal("0.01"))],
    )
    hazards = SimpleNamespace(
        totals=[
            Fig("open", "未整改", 23),
            Fig("overdue", "逾期未整改", 14),
            Fig("major_open", "重大事故隐患", 2),
            Fig("found", "本月新发现", found),
            Fig("closed", "本月已销号", closed),
        ],
        by_level=[Fig("major", "重大事故隐患", 2), Fig("general", "一般隐患", 21)],
        by_sector=[Fig("construction", "建筑施工", 17)],
        by_age=[Fig("30", "30天以上", 19)],
    )
    return SimpleNamespace(
        on=on,
        unit=unit,
        plan_year=2024,
        plan=plan,
        hazards=hazards,
        warnings=[Fig("in_force", "生效预警", 1), Fig("acknowledgements", "应叫应", 15)],
        patrols=[Fig("required", "应巡查", 10), Fig("done", "已巡查", patrols_done)],
        enforcement=enforcement_figures(month=on.replace(day=1), user=user),
    )


MAY_31 = datetime.date(2024, 5, 31)
