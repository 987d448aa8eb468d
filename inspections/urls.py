from django.urls import path

from core.views import AppIndexView
from inspections import views_plans

app_name = "inspections"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="inspections"), name="index"),
    path("plans/", views_plans.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", views_plans.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views_plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", views_plans.PlanEditView.as_view(), name="plan-edit"),
    path("plans/<int:pk>/select/", views_plans.PlanSelectView.as_view(), name="plan-select"),
]
