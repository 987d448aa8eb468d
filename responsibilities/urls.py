from django.urls import path

from core.views import AppIndexView

app_name = "responsibilities"
urlpatterns = [path("", AppIndexView.as_view(app_label="responsibilities"), name="index")]
