from django.urls import path

from core.views import AppIndexView
from disasters.views_map import MapFeaturesView, MapView

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
    # placeholder until the lead's risk-point detail page replaces it
    path("risk-points/<int:pk>/", AppIndexView.as_view(app_label="disasters"), name="risk-point-detail"),
    path("map/", MapView.as_view(), name="map"),
    path("map/features.geojson", MapFeaturesView.as_view(), name="map-features"),
]
