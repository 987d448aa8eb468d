from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.CockpitView.as_view(), name="cockpit"),
]

from dashboards import ranking_views  # noqa: E402

urlpatterns.append(path("ranking/", ranking_views.RankingView.as_view(), name="ranking"))
urlpatterns.append(path("ranking/weights/", ranking_views.RankingWeightsView.as_view(), name="ranking-weights"))

from dashboards import bulletin_views  # noqa: E402

urlpatterns += [
    path("bulletins/", bulletin_views.BulletinListView.as_view(), name="bulletin-list"),
    path("bulletins/<int:pk>/", bulletin_views.BulletinDetailView.as_view(), name="bulletin-detail"),
    path("bulletins/<int:pk>/progress/", bulletin_views.BulletinProgressView.as_view(), name="bulletin-progress"),
    path("bulletins/<int:pk>/retry/", bulletin_views.BulletinRetryView.as_view(), name="bulletin-retry"),
    path("bulletins/<int:pk>/<str:kind>/", bulletin_views.BulletinFileView.as_view(), name="bulletin-file"),
]
