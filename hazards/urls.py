from django.urls import path

from core.views import AppIndexView

app_name = "hazards"
urlpatterns = [path("", AppIndexView.as_view(app_label="hazards"), name="index")]
