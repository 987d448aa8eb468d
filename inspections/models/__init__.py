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
from inspections.models.plans import InspectionPlan, PlannedVisit

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
    "InspectionPlan",
    "Penalty",
    "PlannedVisit",
]
