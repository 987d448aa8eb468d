from responsibilities.models.boards import EnterpriseBoard, MajorRisk, ResponsiblePerson

__all__ = ["EnterpriseBoard", "MajorRisk", "ResponsiblePerson"]
