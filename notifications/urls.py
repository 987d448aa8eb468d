from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.NotificationsReadAllView.as_view(), name="read-all"),
    path("record/<slug:source>/<int:object_id>/", views.RecordRemindersView.as_view(), name="record"),
]
