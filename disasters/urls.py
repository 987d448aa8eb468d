from django.urls import path

from core.views import AppIndexView
from disasters import views_warnings

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
    path("warnings/", views_warnings.WarningListView.as_view(), name="warning-list"),
    path("warnings/new/", views_warnings.WarningCreateView.as_view(), name="warning-create"),
    path("warnings/<int:pk>/", views_warnings.WarningDetailView.as_view(), name="warning-detail"),
    path("warnings/<int:pk>/lift/", views_warnings.WarningLiftView.as_view(), name="warning-lift"),
    path("warnings/<int:pk>/acknowledge/", views_warnings.WarningAcknowledgeView.as_view(), name="warning-acknowledge"),
    path("warnings/<int:pk>/respond/", views_warnings.WarningRespondView.as_view(), name="warning-respond"),
]
