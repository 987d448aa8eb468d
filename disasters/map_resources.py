"""The shelter and depot layers of the map: what the person may see, narrowed by the map's township filter
(the kind and state filters are the risk points'); one query each."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from disasters.geojson import point_feature
from disasters.models import Depot, Shelter

SHELTER_COLOUR = "#15803d"
DEPOT_COLOUR = "#1e40af"


def shelter_features(user, filters):
    rows = Shelter.objects.visible_to(user).filter(is_active=True).select_related("township")
    if (filters or {}).get("township"):
        rows = rows.filter(township=filters["township"])
    rows = rows.annotate(villages=Count("covered_villages")).order_by("township__sort_order", "code")
    return [
        point_feature(
            longitude=s.longitude,
            latitude=s.latitude,
            feature_id=s.pk,
            properties={
                "id": s.pk,
                "name": s.name,
                "colour": SHELTER_COLOUR,
                "url": reverse("disasters:shelter-detail", args=[s.pk]),
                "details": [
                    [_("可容纳人数"), s.capacity],
                    [_("覆盖自然村"), s.villages],
                    [_("乡镇（街道）"), s.township.display_name],
                ],
            },
        )
        for s in rows
    ]


def depot_features(user, filters):
    rows = Depot.objects.visible_to(user).select_related("owner_unit")
    if (filters or {}).get("township"):
        rows = rows.filter(owner_unit=filters["township"])
    low = Q(items__quantity__lte=F("items__low_stock_line"))
    rows = rows.annotate(item_count=Count("items"), low_count=Count("items", filter=low)).order_by("name")
    return [
        point_feature(
            longitude=d.longitude,
            latitude=d.latitude,
            feature_id=d.pk,
            properties={
                "id": d.pk,
                "name": d.name,
                "colour": DEPOT_COLOUR,
                "outline": "#dc3545" if d.low_count else DEPOT_COLOUR,
                "url": reverse("disasters:depot-detail", args=[d.pk]),
                "details": [
                    [_("管理单位"), d.owner_unit.display_name],
                    [_("物资品种"), d.item_count],
                    [_("低库存"), d.low_count],
                ],
            },
        )
        for d in rows
    ]
