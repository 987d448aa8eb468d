from django.urls import path

from notifications import views, views_office

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.NotificationsReadAllView.as_view(), name="read-all"),
    path("preferences/", views.DeliveryPreferenceView.as_view(), name="preferences"),
    path("rules/", views_office.RuleListView.as_view(), name="rules"),
    path("rules/new/", views_office.RuleFormView.as_view(), name="rule-create"),
    path("rules/<int:pk>/edit/", views_office.RuleFormView.as_view(), name="rule-edit"),
    path("rules/<int:pk>/active/", views_office.RuleActiveView.as_view(), name="rule-active"),
    path("deliveries/", views_office.DeliveryListView.as_view(), name="deliveries"),
    path("robots/new/", views_office.RobotFormView.as_view(), name="robot-create"),
    path("robots/<int:pk>/edit/", views_office.RobotFormView.as_view(), name="robot-edit"),
    path("record/<slug:source>/<int:object_id>/", views.RecordRemindersView.as_view(), name="record"),
]
