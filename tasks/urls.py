from django.urls import path

from tasks import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("work-items/<int:pk>/", views.WorkItemDetailView.as_view(), name="work-item-detail"),
    path("key-actions/<int:pk>/", views.KeyActionDetailView.as_view(), name="key-action-detail"),
    path("units/<int:pk>/", views.OrgUnitDetailView.as_view(), name="org-unit-detail"),
]
