from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.CockpitView.as_view(), name="cockpit"),
]

from dashboards import ranking_views  # noqa: E402

urlpatterns.append(path("ranking/", ranking_views.RankingView.as_view(), name="ranking"))
urlpatterns.append(path("ranking/weights/", ranking_views.RankingWeightsView.as_view(), name="ranking-weights"))
