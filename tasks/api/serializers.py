from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "year", "title", "document_number", "issued_on", "issuer", "updated_at"]


class SystemSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)

    class Meta:
        model = System
        fields = ["id", "plan", "year", "code", "order", "title", "updated_at"]


class SystemBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = System
        fields = ["id", "code", "title"]


class WorkItemSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    system = SystemBriefSerializer(read_only=True)
    lead_unit = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    co_units = OrgUnitBriefSerializer(many=True, read_only=True)

    class Meta:
        model = WorkItem
        fields = ["id", "plan", "year", "number", "title", "text", "system", "lead_unit", "co_units", "updated_at"]


class KeyActionSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    lead_unit = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    co_units = OrgUnitBriefSerializer(many=True, read_only=True)

    class Meta:
        model = KeyAction
        fields = ["id", "plan", "year", "number", "code", "title", "text", "lead_unit", "co_units", "updated_at"]


class QuantitativeTargetSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    work_item_number = serializers.IntegerField(source="work_item.number", read_only=True)

    class Meta:
        model = QuantitativeTarget
        fields = [
            "id",
            "plan",
            "year",
            "number",
            "name",
            "value",
            "unit_of_measure",
            "source_text",
            "data_source",
            "work_item",
            "work_item_number",
            "updated_at",
        ]
