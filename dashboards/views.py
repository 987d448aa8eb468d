"""The county cockpit (全县总览) and a unit's page: the same figures, for the county or for one unit."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.views.generic import TemplateView

from core.selectors import units_in_scope
from dashboards.charts import cockpit_charts
from dashboards.figures import summary
from dashboards.params import dashboard_params


class CockpitView(LoginRequiredMixin, TemplateView):
    template_name = "dashboards/cockpit.html"

    def get(self, request, *args, **kwargs):
        try:
            self.unit, self.on = dashboard_params(user=request.user, query=request.GET)
        except ValidationError as exc:
            context = {"date_error": exc.messages[0], "units": units_in_scope(user=request.user)}
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        figures = summary(user=self.request.user, unit=self.unit, on=self.on)
        return {
            "unit": self.unit,
            "on": self.on,
            "units": units_in_scope(user=self.request.user),
            "summary": figures,
            "charts": cockpit_charts(figures),
        }
