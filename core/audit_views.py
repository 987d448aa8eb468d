from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.views.generic import TemplateView

from core.audit_selectors import audit_event_list, audit_rows, can_read_audit


class AuditEventListView(LoginRequiredMixin, TemplateView):
    """操作日志: the history of every tracked record, searchable, for the county administrator and auditors."""

    template_name = "core/audit_list.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_read_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        filterset = audit_event_list(filters=self.request.GET)
        events = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        with transaction.atomic(), connection.cursor() as cursor:
            # The query is a union of every event table: large enough that PostgreSQL's JIT compiles it,
            # which costs seconds where the query itself takes milliseconds.
            cursor.execute("SET LOCAL jit = off")
            page = Paginator(events, self.paginate_by).get_page(self.request.GET.get("page"))
            rows = audit_rows(page.object_list)
        return {"filterset": filterset, "page": page, "rows": rows}
