from django.urls import path

from disasters import views
from disasters.views_map import MapFeaturesView, MapView

app_name = "disasters"
urlpatterns = [
    path("", views.DisastersIndexView.as_view(), name="index"),
    path("risk-points/", views.RiskPointListView.as_view(), name="risk-point-list"),
    path("risk-points/new/", views.RiskPointCreateView.as_view(), name="risk-point-create"),
    path("risk-points/<int:pk>/", views.RiskPointDetailView.as_view(), name="risk-point-detail"),
    path("risk-points/<int:pk>/edit/", views.RiskPointEditView.as_view(), name="risk-point-edit"),
    path("risk-zones/", views.RiskZoneListView.as_view(), name="risk-zone-list"),
    path("risk-zones/new/", views.RiskZoneCreateView.as_view(), name="risk-zone-create"),
    path("risk-zones/<int:pk>/", views.RiskZoneDetailView.as_view(), name="risk-zone-detail"),
    path("risk-zones/<int:pk>/edit/", views.RiskZoneEditView.as_view(), name="risk-zone-edit"),
    path("map/", MapView.as_view(), name="map"),
    path("map/features.geojson", MapFeaturesView.as_view(), name="map-features"),
]
