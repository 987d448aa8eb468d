from django.urls import path

from core.views import AppIndexView

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
]
