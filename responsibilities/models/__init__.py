from responsibilities.models.duties import Duty, DutyList, DutyListKind, Leader, SectorSupervision

__all__ = ["Duty", "DutyList", "DutyListKind", "Leader", "SectorSupervision"]
