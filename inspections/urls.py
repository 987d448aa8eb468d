from django.urls import path

from core.views import AppIndexView
from inspections import views_investigations as inv_views

app_name = "inspections"
urlpatterns = [path("", AppIndexView.as_view(app_label="inspections"), name="index")]

# 事故调查 (accident and disaster investigations)
urlpatterns += [
    path("investigations/", inv_views.InvestigationListView.as_view(), name="investigation-list"),
    path("investigations/new/", inv_views.InvestigationCreateView.as_view(), name="investigation-create"),
    path("investigations/<int:pk>/", inv_views.InvestigationDetailView.as_view(), name="investigation-detail"),
    path("investigations/<int:pk>/edit/", inv_views.InvestigationEditView.as_view(), name="investigation-edit"),
    path("investigations/<int:pk>/close/", inv_views.InvestigationCloseView.as_view(), name="investigation-close"),
    path(
        "investigations/<int:pk>/responsibilities/",
        inv_views.ResponsibilityAddView.as_view(),
        name="investigation-responsibility-add",
    ),
    path(
        "investigations/<int:pk>/responsibilities/<int:rid>/handled/",
        inv_views.ResponsibilityHandledView.as_view(),
        name="investigation-responsibility-handled",
    ),
]
