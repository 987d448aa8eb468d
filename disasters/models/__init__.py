from disasters.models.patrols import FloodSeason, Patrol, PatrolEvidence
from disasters.models.readiness import Drill, DrillEvidence, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.models.relief import (
    DisasterEvent,
    HouseReconstruction,
    ReconstructionStep,
    ReliefDispatch,
    ReliefEntitlement,
    ReliefHousehold,
    ReliefPayment,
)
from disasters.models.risk import RiskPoint, RiskZone
from disasters.models.shelters import Shelter, ShelterCoverage
from disasters.models.stations import MonitoringStation, StationReading
from disasters.models.supplies import Depot, StockMovement, SupplyItem
from disasters.models.warnings import Warning, WarningAcknowledgement, WarningNumber, WarningResponse

__all__ = [
    "DisasterEvent",
    "HouseReconstruction",
    "ReconstructionStep",
    "ReliefDispatch",
    "ReliefEntitlement",
    "ReliefHousehold",
    "ReliefPayment",
    "Depot",
    "Drill",
    "DrillEvidence",
    "EmergencyPlan",
    "FloodSeason",
    "MonitoringStation",
    "Patrol",
    "PatrolEvidence",
    "RescueTeam",
    "RiskPoint",
    "RiskZone",
    "Shelter",
    "ShelterCoverage",
    "StationReading",
    "StockMovement",
    "SupplyItem",
    "TeamEquipment",
    "TeamMember",
    "Warning",
    "WarningAcknowledgement",
    "WarningNumber",
    "WarningResponse",
]
