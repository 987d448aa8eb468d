"""The demo data set: invented, labelled as demo, for trying the portal. Real divisions come from core."""

COUNTY_CODE = "500231"

# (code, full name, short name)
DEPARTMENTS = [
    ("D-YJJ", "垫江县应急管理局", "应急局"),
    ("D-JTJ", "垫江县交通运输局", "交通局"),
    ("D-ZJW", "垫江县住房和城乡建设委员会", "住建委"),
    ("D-GHZY", "垫江县规划和自然资源局", "规划自然资源局"),
    ("D-SLJ", "垫江县水利局", "水利局"),
    ("D-LYJ", "垫江县林业局", "林业局"),
    ("D-SCJG", "垫江县市场监督管理局", "市场监管局"),
    ("D-JXW", "垫江县经济和信息化委员会", "经信委"),
    ("D-JXJ", "垫江县公安局交巡警大队", "公安交巡警"),
    ("D-XFJY", "垫江县消防救援大队", "消防救援"),
    ("D-CGJ", "垫江县城市管理局", "城市管理局"),
    ("D-JW", "垫江县教育委员会", "教委"),
    ("D-NYNC", "垫江县农业农村委员会", "农业农村委"),
    ("D-WJW", "垫江县卫生健康委员会", "卫生健康委"),
    ("D-WLW", "垫江县文化和旅游发展委员会", "文化旅游委"),
    ("D-SWW", "垫江县商务委员会", "商务委"),
    ("D-STHJ", "垫江县生态环境局", "生态环境局"),
    ("D-QXJ", "垫江县气象局", "气象局"),
    ("D-DSJ", "垫江县大数据应用发展管理局", "大数据局"),
    ("D-CZJ", "垫江县财政局", "财政局"),
]

GX, GY, SP = "桂溪街道", "桂阳街道", "沙坪镇"

# work item number -> (lead unit, co-units); units by short name or township name. Invented for the demo.
WORK_ITEM_UNITS = {
    1: ("应急局", ["经信委", "住建委", "交通局"]),
    2: ("应急局", ["规划自然资源局", "水利局", "林业局"]),
    3: ("应急局", ["规划自然资源局", "住建委", "交通局"]),
    4: ("应急局", ["经信委", "市场监管局", "住建委"]),
    5: ("应急局", ["市场监管局", "交通局", "消防救援"]),
    6: ("应急局", ["经信委", "商务委"]),
    7: ("应急局", ["规划自然资源局", "水利局", "林业局"]),
    8: ("应急局", ["财政局", "市场监管局"]),
    9: ("应急局", [GX, GY, SP]),
    10: ("城市管理局", ["住建委", "交通局", "教委"]),
    11: ("应急局", ["水利局", "林业局", "规划自然资源局", "住建委"]),
    12: ("应急局", ["经信委", "住建委", "交通局", GX]),
    13: ("应急局", ["交通局", "公安交巡警", "住建委", "消防救援", "经信委", "城市管理局"]),
    14: ("规划自然资源局", ["水利局", "林业局", "气象局", "应急局"]),
    15: ("应急局", ["消防救援", GX, SP]),
    16: ("应急局", ["消防救援"]),
    17: ("应急局", ["财政局", "水利局", "林业局"]),
    18: ("应急局", ["财政局", "住建委"]),
    19: ("应急局", ["大数据局"]),
    20: ("大数据局", ["消防救援", "市场监管局", "交通局", "住建委", "城市管理局", "水利局"]),
    21: ("应急局", [GX, SP]),
}
KEY_ACTION_UNITS = {
    1: ("应急局", ["经信委", "住建委", "交通局"]),
    2: ("应急局", []),
    3: ("应急局", ["财政局", "水利局"]),
    4: ("应急局", ["水利局", "规划自然资源局", "住建委"]),
    5: ("规划自然资源局", ["应急局", GX, SP]),
    6: ("应急局", ["教委", "文化旅游委"]),
}

# (parent village code, grid code, name)
GRIDS = [
    ("500231001001", "500231001001-G01", "东街社区第一网格（演示）"),
    ("500231001001", "500231001001-G02", "东街社区第二网格（演示）"),
]

# username, full name, role, unit (short name, township name, grid code or the county code)
ACCOUNTS = [
    ("county_admin", "安委办管理员", "county_admin", COUNTY_CODE),
    ("county_leader", "县领导", "county_leader", COUNTY_CODE),
    ("yjj_head", "应急局局长", "dept_head", "应急局"),
    ("yjj_staff", "应急局科员", "dept_staff", "应急局"),
    ("jtj_head", "交通局局长", "dept_head", "交通局"),
    ("gx_head", "桂溪街道主任", "township_head", GX),
    ("gx_staff", "桂溪街道应急办", "township_staff", GX),
    ("sp_staff", "沙坪镇应急办", "township_staff", SP),
    ("sp_head", "沙坪镇负责人", "township_head", SP),
    ("gx_grid", "东街社区网格员", "grid_member", "500231001001-G01"),
    ("auditor", "审计人员", "auditor", COUNTY_CODE),
    ("api_client", "市数字应急平台", "api_client", COUNTY_CODE),
]
DEMO_PASSWORD = "demo2024"

# sector -> (supervising department, name stems)
ENTERPRISE_SECTORS = {
    "hazardous_chemicals": ("应急局", ["化工", "加油站", "液化气站"]),
    "construction": ("住建委", ["建筑工程", "建设集团", "市政工程"]),
    "road_traffic": ("交通局", ["客运", "物流", "货运"]),
    "gas": ("城市管理局", ["燃气", "天然气"]),
    "special_equipment": ("市场监管局", ["电梯工程", "锅炉"]),
    "industry_trade": ("经信委", ["建材", "食品", "机械制造", "纺织"]),
    "fire": ("消防救援", ["商贸城", "酒店"]),
    "mining": ("规划自然资源局", ["石材", "页岩砖"]),
}
ENTERPRISE_TOWNSHIPS = [GX, GY, SP, "新民镇", "澄溪镇", "高安镇"]

# 防火道路 (150 公里) split among townships, and a few measures with their reports (invented).
ROAD_ALLOCATIONS = [(GX, "40"), (SP, "35"), ("新民镇", "30"), ("澄溪镇", "25"), ("高安镇", "20")]

# (work item, title, owner, start, deadline, target name or None, planned quantity,
#  reports: [(period day, percent or quantity, reviewer's decision: "approve", "return", "submit" or "draft")])
MEASURES = [
    (
        11,
        "新建和改建桂溪片区防火道路",
        GX,
        "2024-04-01",
        "2024-11-30",
        "防火道路新建和改建",
        "40",
        [("2024-05-10", "12", "approve"), ("2024-06-10", "15", "approve"), ("2024-07-10", "8", "submit")],
    ),
    (
        11,
        "新建和改建沙坪片区防火道路",
        SP,
        "2024-04-01",
        "2024-11-30",
        "防火道路新建和改建",
        "35",
        [("2024-05-10", "5", "approve"), ("2024-06-10", "4", "return")],
    ),
    (
        13,
        "开展燃气“问题气、问题瓶、问题阀”排查整治",
        GX,
        "2024-04-01",
        "2024-09-30",
        None,
        None,
        [("2024-04-20", "30", "approve"), ("2024-05-20", "60", "approve"), ("2024-06-20", "100", "approve")],
    ),
    (
        13,
        "开展燃气“问题气、问题瓶、问题阀”排查整治",
        SP,
        "2024-04-01",
        "2024-09-30",
        None,
        None,
        [("2024-04-20", "20", "approve")],
    ),
    (14, "汛前地质灾害隐患点排查", GX, "2024-03-25", "2024-05-31", None, None, [("2024-04-15", "100", "approve")]),
    (12, "“日周月”隐患排查制度落实督导", GX, "2024-04-01", "2024-12-31", None, None, []),
]
