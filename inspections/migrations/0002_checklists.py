"""Starter checklists (检查表) for the sectors the plan names, and the reminder rules of the re-check (复查).

The county office edits both in the portal; seeding is idempotent (get_or_create by name).
"""

from django.db import migrations

AQSCF = "《中华人民共和国安全生产法》"
FIRE_LAW = "《中华人民共和国消防法》"

# sector -> (name, [(检查内容, 依据)])
CHECKLISTS = {
    "road_traffic": (
        "道路运输企业安全检查表",
        [
            ("建立并落实全员安全生产责任制，明确各岗位责任人员", f"{AQSCF}第二十二条"),
            ("营运车辆按规定安装使用卫星定位装置并实施动态监控", "《道路运输车辆动态监督管理办法》第十条"),
            ("驾驶员持有相应从业资格证并定期接受安全教育培训", "《道路运输从业人员管理规定》第六条"),
            ("车辆按期进行综合性能检测和二级维护，安全锤、灭火器齐全有效", "《道路运输车辆技术管理规定》第十二条"),
            ("建立隐患排查治理制度并如实记录排查治理情况", f"{AQSCF}第四十一条"),
        ],
    ),
    "construction": (
        "建设施工安全检查表",
        [
            ("项目负责人、专职安全生产管理人员持证上岗并在岗履职", "《建设工程安全生产管理条例》第二十一条、第二十三条"),
            ("危险性较大的分部分项工程编制专项施工方案并按规定论证", "《危险性较大的分部分项工程安全管理规定》第十条"),
            ("脚手架搭设符合规范，连墙件、剪刀撑设置齐全", "《建筑施工扣件式钢管脚手架安全技术规范》JGJ130"),
            ("起重机械经检验合格并办理使用登记，司机持证作业", "《建设工程安全生产管理条例》第三十五条"),
            ("施工现场临时用电实行三级配电两级保护", "《施工现场临时用电安全技术规范》JGJ46"),
            ("作业人员正确佩戴安全帽、系挂安全带", f"{AQSCF}第四十五条"),
        ],
    ),
    "fire": (
        "消防安全检查表",
        [
            ("疏散通道、安全出口畅通，未被占用、堵塞或封闭", f"{FIRE_LAW}第二十八条"),
            ("消防设施、器材配置齐全并定期检验维修，保持完好有效", f"{FIRE_LAW}第十六条"),
            ("消防控制室值班人员持证上岗，实行24小时双人值班", "《消防控制室通用技术要求》GB25506"),
            ("电动自行车未在楼道、安全出口停放充电", "《高层民用建筑消防安全管理规定》第三十七条"),
            ("定期组织防火检查巡查和灭火疏散演练", "《机关、团体、企业、事业单位消防安全管理规定》第二十五条"),
        ],
    ),
    "hazardous_chemicals": (
        "危险化学品企业安全检查表",
        [
            ("取得危险化学品安全生产（经营）许可证并在有效期内", "《危险化学品安全管理条例》第十四条、第三十三条"),
            ("重大危险源登记建档、定期检测评估并报备", f"{AQSCF}第四十条"),
            ("可燃有毒气体检测报警装置设置合理并正常运行", "《危险化学品企业重大危险源安全包保责任制办法（试行）》"),
            ("特殊作业严格执行作业票证审批制度", "《危险化学品企业特殊作业安全规范》GB30871"),
            ("从业人员经安全培训合格，特种作业人员持证上岗", f"{AQSCF}第二十八条、第三十条"),
            ("制定生产安全事故应急预案并定期演练", f"{AQSCF}第八十一条"),
        ],
    ),
    "gas": (
        "燃气安全检查表",
        [
            ("燃气经营企业取得燃气经营许可证", "《城镇燃气管理条例》第十五条"),
            ("餐饮场所安装可燃气体报警装置并与切断阀联锁", "《城镇燃气设计规范》GB50028"),
            ("燃气软管无老化、龟裂，长度不超过2米且无穿墙", "《城镇燃气管理条例》第二十八条"),
            ("气瓶存放于通风良好的专用区域，未超量存放", "《城镇燃气管理条例》第二十八条"),
        ],
    ),
    "dangerous_work": (
        "危险作业安全检查表",
        [
            ("动火、受限空间、高处等危险作业办理审批手续", f"{AQSCF}第四十三条"),
            ("危险作业安排专门人员进行现场安全管理", f"{AQSCF}第四十三条"),
            ("受限空间作业严格执行“先通风、再检测、后作业”", "《工贸企业有限空间作业安全规定》第十四条"),
            ("作业人员配备并正确使用劳动防护用品", f"{AQSCF}第四十五条"),
        ],
    ),
    "small_works": (
        "小散工程和零星作业安全检查表",
        [
            ("小散工程和零星作业纳入属地安全管理并登记备案", "《重庆市安全生产条例》"),
            ("作业人员持有相应特种作业操作证", f"{AQSCF}第三十条"),
            ("高处作业设置防护栏杆、安全网，作业人员系挂安全带", "《建筑施工高处作业安全技术规范》JGJ80"),
            ("临时用电设置漏电保护装置，电线无私拉乱接", "《施工现场临时用电安全技术规范》JGJ46"),
        ],
    ),
}

RULES = [
    ("检查复查到期提醒", "inspection_recheck", [-3, 0], ["owner_staff"], ["in_app"]),
    ("检查复查逾期督促", "inspection_recheck", [1, 3, 7], ["owner_staff", "owner_head", "county_office"], ["in_app"]),
]


def seed_checklists(apps, schema_editor):
    ChecklistTemplate = apps.get_model("inspections", "ChecklistTemplate")
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    for sector, (name, items) in CHECKLISTS.items():
        template, created = ChecklistTemplate.objects.get_or_create(sector=sector, name=name, version=1)
        if created:
            ChecklistItem.objects.bulk_create(
                ChecklistItem(template=template, order=n, text=text, legal_basis=basis)
                for n, (text, basis) in enumerate(items, 1)
            )


def seed_rules(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for name, source, offsets, recipients, channels in RULES:
        ReminderRule.objects.get_or_create(
            name=name, defaults={"source": source, "offsets": offsets, "recipients": recipients, "channels": channels}
        )


def seed(apps, schema_editor):
    seed_checklists(apps, schema_editor)
    seed_rules(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_inspections_and_penalties"),
        ("notifications", "0006_ledger_keeps_deleted"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
