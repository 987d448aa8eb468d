from django.urls import path

from disasters import views, views_patrols
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
    path("patrols/", views_patrols.PatrolListView.as_view(), name="patrol-list"),
    path("patrols/new/", views_patrols.PatrolCreateView.as_view(), name="patrol-create"),
    path("patrols/missing/", views_patrols.MissingPatrolsView.as_view(), name="patrols-missing"),
    path("patrols/<int:pk>/", views_patrols.PatrolDetailView.as_view(), name="patrol-detail"),
    path("patrols/evidence/<int:pk>/", views_patrols.PatrolEvidenceView.as_view(), name="patrol-evidence"),
    path(
        "risk-points/<int:point_pk>/patrols/new/",
        views_patrols.PatrolCreateView.as_view(),
        name="risk-point-patrol-create",
    ),
    path("flood-seasons/", views_patrols.FloodSeasonView.as_view(), name="flood-season"),
]
