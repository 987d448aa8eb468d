"""The permission tables: every named URL of the portal is either public or has its permission tests here.

tests/security/test_inventory.py fails when a route appears in none of these, naming it."""

# Reachable without signing in (and why).
PUBLIC = {
    "login",  # the sign-in form itself
    "logout",  # signing out when already out is harmless
    "set_language",  # the language switch on the login page
    "public-report",  # 群众举报: the public report form
    "public-report-receipt",
    "public-report-check",  # a reporter checks progress with the receipt code
    "public-report-poster",  # the poster with the QR code
    "public-board",  # 公示牌 of an enterprise, by unguessable token
    "public-risk-board",  # 重大风险公告栏, by unguessable token
    "captcha-image",  # the public report form's captcha
    "captcha-image-2x",
    "captcha-audio",
    "captcha-refresh",
}

# API routes open to anonymous callers for one method only: the public report's submission and its status check.
PUBLIC_METHODS = {
    "api:public-report-list": {"POST"},
    "api:public-report-check": {"GET"},
}

# The API's router: basename -> (model, who reads it). "scoped": by the model's units (visible_to); "members":
# every signed-in person reads every row (the published plan, checklists, the duty lists); "own": the person's own
# rows; "county": the county office only.
API_MODELS = {
    "org-unit": ("core.OrgUnit", "members"),
    "enterprise": ("core.Enterprise", "scoped"),
    "plan": ("tasks.Plan", "members"),
    "system": ("tasks.System", "members"),
    "work-item": ("tasks.WorkItem", "members"),
    "key-action": ("tasks.KeyAction", "members"),
    "target": ("tasks.QuantitativeTarget", "members"),
    "measure": ("tasks.Measure", "scoped"),
    "progress-report": ("tasks.ProgressReport", "scoped"),
    "extension-request": ("tasks.ExtensionRequest", "scoped"),
    "hazard": ("hazards.Hazard", "scoped"),
    "public-report": ("hazards.PublicReport", "scoped"),
    "self-inspection": ("hazards.SelfInspection", "scoped"),
    "risk-point": ("disasters.RiskPoint", "scoped"),
    "risk-zone": ("disasters.RiskZone", "scoped"),
    "patrol": ("disasters.Patrol", "scoped"),
    "flood-season": ("disasters.FloodSeason", "members"),
    "rescue-team": ("disasters.RescueTeam", "scoped"),
    "emergency-plan": ("disasters.EmergencyPlan", "scoped"),
    "drill": ("disasters.Drill", "scoped"),
    "warning": ("disasters.Warning", "scoped"),
    "shelter": ("disasters.Shelter", "scoped"),
    "depot": ("disasters.Depot", "scoped"),
    "supply-item": ("disasters.SupplyItem", "scoped"),
    "investigation": ("inspections.Investigation", "scoped"),
    "inspection": ("inspections.Inspection", "scoped"),
    "checklist": ("inspections.ChecklistTemplate", "members"),
    "inspection-plan": ("inspections.InspectionPlan", "scoped"),
    "notification": ("notifications.Notification", "own"),
    "penalty": ("inspections.Penalty", "scoped"),
    "major-risk": ("responsibilities.MajorRisk", "scoped"),
    "duty-list": ("responsibilities.DutyList", "members"),
    "duty-report": ("responsibilities.DutyReport", "members"),
    "webhook-delivery": ("integrations.WebhookDelivery", "county"),
}

# Who looks and whose rows they must not see, where not (gx_staff, sp_staff): department-scoped records.
API_VIEWERS = {"inspection-plan": ("yjj_staff", "jtj_head")}

# API writes a person makes on their own records whatever their role (the view names them in own_record_actions):
# not refused to read-only roles; the services check that the record is the caller's own.
OWN_RECORD_WRITES = {
    ("api:notification-read", "post"),
    ("api:duty-report-list", "post"),  # a leader's own half-year report (县领导 are leaders too)
    ("api:duty-report-submit", "post"),
}
