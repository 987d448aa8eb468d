from django.urls import path

from core.views import AppIndexView
from inspections import views

app_name = "inspections"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="inspections"), name="index"),
    path("checks/", views.InspectionListView.as_view(), name="inspection-list"),
    path("checks/new/", views.InspectionCreateView.as_view(), name="inspection-create"),
    path("<int:pk>/", views.InspectionDetailView.as_view(), name="inspection-detail"),
    path("<int:pk>/recheck/", views.InspectionRecheckView.as_view(), name="inspection-recheck"),
    path("<int:pk>/close/", views.InspectionCloseView.as_view(), name="inspection-close"),
    path("<int:pk>/findings/", views.InspectionFindingView.as_view(), name="inspection-finding-add"),
    path("<int:pk>/print/record/", views.InspectionPrintRecordView.as_view(), name="inspection-print-record"),
    path("<int:pk>/print/order/", views.InspectionPrintOrderView.as_view(), name="inspection-print-order"),
    path("checklists/", views.ChecklistListView.as_view(), name="checklist-list"),
    path("checklists/new/", views.ChecklistEditView.as_view(), name="checklist-create"),
    path("checklists/<int:pk>/", views.ChecklistDetailView.as_view(), name="checklist-detail"),
    path("checklists/<int:pk>/edit/", views.ChecklistEditView.as_view(), name="checklist-edit"),
]
