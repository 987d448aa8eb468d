from django.urls import path

from integrations import views, views_webhooks

app_name = "integrations"
urlpatterns = [
    path("", views.ClientListView.as_view(), name="clients"),
    path("clients/new/", views.ClientCreateView.as_view(), name="client-create"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client-detail"),
    path("clients/<int:pk>/roles/", views.ClientRolesView.as_view(), name="client-roles"),
    path("clients/<int:pk>/tokens/new/", views.TokenIssueView.as_view(), name="token-issue"),
    path("tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token-revoke"),
    path("clients/<int:pk>/webhooks/new/", views_webhooks.EndpointCreateView.as_view(), name="endpoint-create"),
    path("webhooks/<int:pk>/", views_webhooks.EndpointDetailView.as_view(), name="endpoint-detail"),
    path("webhooks/<int:pk>/edit/", views_webhooks.EndpointEditView.as_view(), name="endpoint-edit"),
    path("webhooks/<int:pk>/secret/", views_webhooks.EndpointSecretView.as_view(), name="endpoint-secret"),
    path("deliveries/<int:pk>/resend/", views_webhooks.DeliveryResendView.as_view(), name="delivery-resend"),
]
