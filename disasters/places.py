"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(
        label=_("风险隐患点"), url_name="disasters:risk-point-list", work_items=[11, 14], key_actions=["四", "五"]
    )
    register_place(label=_("风险区"), url_name="disasters:risk-zone-list", work_items=[14], key_actions=["五"])
    register_place(label=_("巡查排查"), url_name="disasters:patrol-list", work_items=[14])
    register_place(label=_("汛期准备"), url_name="disasters:flood-season", work_items=[11], key_actions=["三", "四"])
    register_place(label=_("预警叫应"), url_name="disasters:warning-list", work_items=[11, 20], key_actions=["三"])
    register_place(label=_("应急预案"), url_name="disasters:emergency-plan-list", work_items=[15])
    register_place(label=_("应急演练"), url_name="disasters:drill-list", work_items=[9, 15])
    register_place(label=_("救援队伍"), url_name="disasters:rescue-team-list", work_items=[16], key_actions=["三"])
    register_place(label=_("避难场所"), url_name="disasters:shelter-list", work_items=[11, 17])
    register_place(label=_("物资仓库"), url_name="disasters:depot-list", work_items=[17, 18])
    register_place(label=_("监测站点"), url_name="disasters:station-list", work_items=[20], key_actions=["四"])
    register_place(label=_("风险地图"), url_name="disasters:map", work_items=[14, 19])
    register_place(label=_("救灾救助"), url_name="disasters:relief-event-list", work_items=[18])
