from disasters.models.risk import RiskPoint, RiskZone
from disasters.models.warnings import Warning, WarningAcknowledgement, WarningNumber, WarningResponse

__all__ = ["RiskPoint", "RiskZone", "Warning", "WarningAcknowledgement", "WarningNumber", "WarningResponse"]
