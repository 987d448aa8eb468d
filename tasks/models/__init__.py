from tasks.models.campaigns import ActivityEvidence, Campaign, CampaignActivity
from tasks.models.measures import ExtensionRequest, Measure, Milestone, TargetAllocation
from tasks.models.plan import (
    KeyAction,
    KeyActionCoUnit,
    Plan,
    PlanEntry,
    QuantitativeTarget,
    System,
    WorkItem,
    WorkItemCoUnit,
)
from tasks.models.practice import CaseAttachment, CaseTransition, PracticeCall, PracticeCase, PracticeScore
from tasks.models.progress import ProgressReport, ReportEvidence, ReportTransition

__all__ = [
    "ActivityEvidence",
    "Campaign",
    "CampaignActivity",
    "CaseAttachment",
    "CaseTransition",
    "PracticeCall",
    "PracticeCase",
    "PracticeScore",
    "ExtensionRequest",
    "KeyAction",
    "KeyActionCoUnit",
    "Measure",
    "Milestone",
    "Plan",
    "PlanEntry",
    "ProgressReport",
    "QuantitativeTarget",
    "ReportEvidence",
    "ReportTransition",
    "System",
    "TargetAllocation",
    "WorkItem",
    "WorkItemCoUnit",
]
