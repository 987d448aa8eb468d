from inspections.models.inspections import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAnswer,
    InspectionEvent,
    InspectionNumber,
)
from inspections.models.penalties import Penalty

__all__ = [
    "ChecklistItem",
    "ChecklistTemplate",
    "Finding",
    "Inspection",
    "InspectionAnswer",
    "InspectionEvent",
    "InspectionNumber",
    "Penalty",
]
