from django.urls import path

from core.views import AppIndexView
from inspections import views_bulletin, views_penalties

app_name = "inspections"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="inspections"), name="index"),
    path("penalties/", views_penalties.PenaltyListView.as_view(), name="penalty-list"),
    path("penalties/new/", views_penalties.PenaltyCreateView.as_view(), name="penalty-create"),
    path("penalties/<int:pk>/", views_penalties.PenaltyDetailView.as_view(), name="penalty-detail"),
    path("penalties/<int:pk>/refer/", views_penalties.PenaltyReferView.as_view(), name="penalty-refer"),
    path("bulletin/", views_bulletin.BulletinView.as_view(), name="bulletin"),
    path("bulletin/export.xlsx", views_bulletin.BulletinExportView.as_view(kind="xlsx"), name="bulletin-xlsx"),
    path("bulletin/export.docx", views_bulletin.BulletinExportView.as_view(kind="docx"), name="bulletin-docx"),
]
