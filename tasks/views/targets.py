from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from tasks import selectors, services


class TargetDetailView(LoginRequiredMixin, TemplateView):
    """A quantitative target: its figure, what approved reports add up to, and each unit's share."""

    template_name = "tasks/target_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        target = get_object_or_404(selectors.target_queryset(user=user), pk=kwargs["pk"])
        progress = selectors.target_progress(target=target)
        allocated = sum((a.quantity for a in progress["allocations"]), start=target.value * 0)
        return {
            **progress,
            "allocated": allocated,
            "warning": services.allocation_warning(target, allocated) if progress["allocations"] else "",
            "measures": selectors.measure_queryset(user=user).filter(target=target),
            "source_url": progress["source"].url(target) if progress.get("source") else "",
        }
