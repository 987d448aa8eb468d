from disasters.models.risk import RiskPoint, RiskZone

__all__ = ["RiskPoint", "RiskZone"]
