from django.urls import path

from hazards import views

app_name = "hazards"
urlpatterns = [
    path("", views.HazardListView.as_view(), name="index"),
    path("new/", views.HazardCreateView.as_view(), name="create"),
    path("<int:pk>/", views.HazardDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.HazardEditView.as_view(), name="edit"),
    path("<int:pk>/transition/", views.HazardTransitionView.as_view(), name="transition"),
    path("evidence/<int:pk>/", views.HazardEvidenceView.as_view(), name="evidence"),
]
