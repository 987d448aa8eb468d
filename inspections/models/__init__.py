from inspections.models.credit import CreditNotice
from inspections.models.enterprise_services import (
    BenchmarkEnterprise,
    Incentive,
    InsurancePolicy,
    SafetyCertificate,
    Training,
    TrainingAttendee,
)
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
    "BenchmarkEnterprise",
    "CreditNotice",
    "Incentive",
    "InsurancePolicy",
    "SafetyCertificate",
    "Training",
    "TrainingAttendee",
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
