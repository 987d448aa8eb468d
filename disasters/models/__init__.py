from disasters.models.readiness import Drill, DrillEvidence, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.models.risk import RiskPoint, RiskZone

__all__ = [
    "Drill",
    "DrillEvidence",
    "EmergencyPlan",
    "RescueTeam",
    "RiskPoint",
    "RiskZone",
    "TeamEquipment",
    "TeamMember",
]
