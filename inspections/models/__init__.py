from inspections.models.inspections import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAnswer,
    InspectionEvent,
    InspectionNumber,
)
from inspections.models.investigations import Investigation, InvestigationNumber, InvestigationResponsibility
from inspections.models.penalties import Penalty

__all__ = [
    "ChecklistItem",
    "ChecklistTemplate",
    "Finding",
    "Inspection",
    "InspectionAnswer",
    "InspectionEvent",
    "InspectionNumber",
    "Investigation",
    "InvestigationNumber",
    "InvestigationResponsibility",
    "Penalty",
]
