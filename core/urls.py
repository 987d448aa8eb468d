from django.contrib.auth import views as auth_views
from django.urls import path

from core import views
from core.forms import LoginForm
from core.views_merge import EnterpriseMergeView

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz/", views.healthz, name="healthz"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("enterprises/new/", views.EnterpriseFormView.as_view(), name="enterprise-create"),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    path("enterprises/<int:pk>/edit/", views.EnterpriseFormView.as_view(), name="enterprise-edit"),
    path("enterprises/<int:pk>/merge/", EnterpriseMergeView.as_view(), name="enterprise-merge"),
]

from core.audit_views import AuditEventListView  # noqa: E402

urlpatterns += [path("audit/", AuditEventListView.as_view(), name="audit-list")]

# The second factor (core.two_factor): the code after the password, and a county administrator's enrolment.
from core.views_two_factor import TotpEnrolView, TotpLoginView  # noqa: E402

urlpatterns += [
    path("login/code/", TotpLoginView.as_view(), name="login-totp"),
    path("account/two-factor/", TotpEnrolView.as_view(), name="totp-enrol"),
]

# Offline field entry (core.views_offline): the service worker sits at the root so that its scope is the site.
from core import views_offline  # noqa: E402

urlpatterns += [
    path("sw.js", views_offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", views_offline.web_manifest, name="web-manifest"),
    path("offline/", views_offline.OfflineQueueView.as_view(), name="offline-queue"),
    path("offline/session/", views_offline.OfflineSessionView.as_view(), name="offline-session"),
]
