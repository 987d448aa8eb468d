"""The map page and the GeoJSON its layers load (scoped to the person, filtered like the page's form)."""

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from disasters.choices import RiskKind, RiskPointState
from disasters.geojson import MEDIA_TYPE, feature_collection
from disasters.map_layers import get_layer, map_layers
from disasters.map_selectors import map_townships, township_label_positions

CHINESE = {"ensure_ascii": False}  # names readable in the JSON, not \u escapes


class MapFilterForm(forms.Form):
    township = forms.ModelChoiceField(
        label=gettext_lazy("乡镇（街道）"), queryset=None, required=False, empty_label=gettext_lazy("全部乡镇（街道）")
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("类型"), choices=[("", gettext_lazy("全部类型")), *RiskKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=gettext_lazy("状态"), choices=[("", gettext_lazy("全部状态")), *RiskPointState.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = map_townships(user=user)
        self.fields["township"].label_from_instance = lambda unit: unit.display_name
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class MapView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/map_page.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = MapFilterForm(self.request.GET or None, user=user)
        layers = map_layers()
        features_url = reverse("disasters:map-features")
        offline = not settings.MAP_TILE_URL
        config = {
            "bbox": [float(v) for v in settings.COUNTY_BBOX],
            "tileUrl": settings.MAP_TILE_URL,
            "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
            "tileSubdomains": settings.MAP_TILE_SUBDOMAINS,
            "layers": [
                {"key": x.key, "label": str(x.label), "url": f"{features_url}?layer={x.key}", "shown": x.shown}
                for x in layers
            ],
            "townships": township_label_positions(user=user) if offline else [],
            "messages": {
                "failed": _("地图数据加载失败，请刷新重试。"),
                "open": _("查看详情"),
                "count": _("共 %(n)s 个"),
            },
        }
        return {"form": form, "layers": layers, "map_config": config, "offline": offline}


class MapFeaturesView(LoginRequiredMixin, View):
    """GET ?layer=<key>&township=<id>&kind=&state= → a FeatureCollection of the records the person may see."""

    def get(self, request):
        layer = get_layer(request.GET.get("layer", ""))
        if layer is None:
            return JsonResponse({"detail": _("没有这个地图图层。")}, status=404, json_dumps_params=CHINESE)
        form = MapFilterForm(request.GET, user=request.user)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400, json_dumps_params=CHINESE)
        document = feature_collection(layer.features(request.user, form.cleaned_data))
        response = JsonResponse(document, content_type=MEDIA_TYPE, json_dumps_params=CHINESE)
        patch_cache_control(response, private=True, no_cache=True)
        return response
