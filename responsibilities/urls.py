from django.urls import path

from core.views import AppIndexView
from responsibilities import views_boards

app_name = "responsibilities"
urlpatterns = [path("", AppIndexView.as_view(app_label="responsibilities"), name="index")]
urlpatterns += [
    path("enterprises/<int:pk>/board/", views_boards.BoardSectionView.as_view(), name="board-section"),
    path("enterprises/<int:pk>/board/edit/", views_boards.BoardEditView.as_view(), name="board-edit"),
    path("enterprises/<int:pk>/board/history/", views_boards.BoardHistoryView.as_view(), name="board-history"),
    path("enterprises/<int:pk>/board/print/", views_boards.BoardPrintView.as_view(), name="board-print"),
    path("enterprises/<int:pk>/risks/new/", views_boards.RiskFormView.as_view(), name="risk-create"),
    path("risks/", views_boards.RiskListView.as_view(), name="risk-list"),
    path("risks/<int:risk_pk>/edit/", views_boards.RiskFormView.as_view(), name="risk-edit"),
    path("risks/<int:pk>/print/", views_boards.RiskPrintView.as_view(), name="risk-print"),
]
