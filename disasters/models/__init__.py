from disasters.models.risk import RiskPoint, RiskZone
from disasters.models.shelters import Shelter, ShelterCoverage
from disasters.models.supplies import Depot, StockMovement, SupplyItem

__all__ = ["Depot", "RiskPoint", "RiskZone", "Shelter", "ShelterCoverage", "StockMovement", "SupplyItem"]
