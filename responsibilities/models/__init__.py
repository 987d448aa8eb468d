from responsibilities.models.boards import EnterpriseBoard, MajorRisk, ResponsiblePerson
from responsibilities.models.duties import (
    Duty,
    DutyList,
    DutyListKind,
    DutyReport,
    DutyReportStatus,
    Leader,
    SectorSupervision,
)

__all__ = [
    "Duty",
    "DutyList",
    "DutyListKind",
    "DutyReport",
    "DutyReportStatus",
    "EnterpriseBoard",
    "Leader",
    "MajorRisk",
    "ResponsiblePerson",
    "SectorSupervision",
]
