from responsibilities.models.boards import EnterpriseBoard, MajorRisk, ResponsiblePerson
from responsibilities.models.capability import CapabilityAsset, TownshipCapability, VillageGrid
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
    "CapabilityAsset",
    "TownshipCapability",
    "VillageGrid",
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
