from django.urls import path, re_path

from core.views import AppIndexView
from disasters import shelter_excel_views, shelter_views, supply_views

app_name = "disasters"
urlpatterns = [
    path("", AppIndexView.as_view(app_label="disasters"), name="index"),
    path("risk-points/", AppIndexView.as_view(app_label="disasters"), name="risk-point-list"),
    path("shelters/", shelter_views.ShelterListView.as_view(), name="shelter-list"),
    path("shelters/new/", shelter_views.ShelterCreateView.as_view(), name="shelter-create"),
    path("shelters/villages/", shelter_views.ShelterVillageFieldsView.as_view(), name="shelter-villages"),
    path("shelters/coverage/", shelter_views.ShelterCoverageView.as_view(), name="shelter-coverage"),
    path("shelters/<int:pk>/", shelter_views.ShelterDetailView.as_view(), name="shelter-detail"),
    path("shelters/<int:pk>/edit/", shelter_views.ShelterEditView.as_view(), name="shelter-edit"),
    path("shelters/export/", shelter_excel_views.ShelterExportView.as_view(), name="shelter-export"),
    path("shelters/import/", shelter_excel_views.ShelterImportView.as_view(), name="shelter-import"),
    path(
        "shelters/import/template/", shelter_excel_views.ShelterTemplateView.as_view(), name="shelter-import-template"
    ),
    re_path(
        r"^shelters/import/(?P<token>[0-9a-f]{32})/$",
        shelter_excel_views.ShelterImportPreviewView.as_view(),
        name="shelter-import-preview",
    ),
    path("depots/", supply_views.DepotListView.as_view(), name="depot-list"),
    path("depots/new/", supply_views.DepotCreateView.as_view(), name="depot-create"),
    path("depots/<int:pk>/", supply_views.DepotDetailView.as_view(), name="depot-detail"),
    path("depots/<int:pk>/edit/", supply_views.DepotEditView.as_view(), name="depot-edit"),
    path("depots/<int:depot_pk>/items/new/", supply_views.SupplyItemCreateView.as_view(), name="supply-item-create"),
    path("supplies/", supply_views.SupplyItemListView.as_view(), name="supply-item-list"),
    path("supplies/low-stock/", supply_views.SupplyItemListView.as_view(low_stock_only=True), name="supply-low-stock"),
    path("supplies/<int:pk>/", supply_views.SupplyItemDetailView.as_view(), name="supply-item-detail"),
    path("supplies/<int:pk>/edit/", supply_views.SupplyItemEditView.as_view(), name="supply-item-edit"),
]
