from disasters.models.patrols import FloodSeason, Patrol, PatrolEvidence
from disasters.models.risk import RiskPoint, RiskZone

__all__ = ["FloodSeason", "Patrol", "PatrolEvidence", "RiskPoint", "RiskZone"]
