"""The Content-Security-Policy header (django-csp) with a per-path relaxation for pages we do not render."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    """CONTENT_SECURITY_POLICY on every response; under a prefix of CSP_RELAXED_PATHS the directives given there
    replace the general ones. Only drf-spectacular's Swagger page needs it: its template starts Swagger UI with an
    inline script and style, and the page shows nothing but the API schema."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            for prefix, directives in settings.CSP_RELAXED_PATHS.items():
                if request.path_info.startswith(prefix):
                    parts.replace = {**(parts.replace or {}), **directives}
        return parts
