from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("tasks.urls")),
    path("", include("core.urls")),
    path("responsibilities/", include("responsibilities.urls")),
    path("hazards/", include("hazards.urls")),
    path("report/", include("hazards.public_urls")),  # 群众举报, no login
    path("board/", include("responsibilities.public_urls")),  # 公示牌, no login
    path("captcha/", include("captcha.urls")),
    path("disasters/", include("disasters.urls")),
    path("inspections/", include("inspections.urls")),
    path("notifications/", include("notifications.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("integrations/", include("integrations.urls")),  # 外部系统接入 (API clients, tokens, webhooks)
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("config.api_urls", "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
handler403 = "core.views.permission_denied"
