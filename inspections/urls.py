from django.urls import path

from core.views import AppIndexView

app_name = "inspections"
urlpatterns = [path("", AppIndexView.as_view(app_label="inspections"), name="index")]
