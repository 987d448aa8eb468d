"""安全宣传与活动 pages (key action 六, item 10): the list with totals, one campaign with its activities and the
units not yet reporting, the campaign form and the activity form. Reads come from tasks.campaign_selectors
(scoped), writes go through tasks.campaign_services; a refused form keeps what was typed."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from core.models import OrgUnit
from core.scoping import scope_for
from tasks import campaign_selectors as selectors
from tasks import campaign_services as services
from tasks.campaign_forms import ActivityForm, CampaignForm


def _organizers(user):
    units = OrgUnit.objects.filter(is_active=True).exclude(kind="grid").order_by("kind", "sort_order", "code")
    if scope_for(user).changes_all:
        return units
    scope = scope_for(user)
    return units.filter(pk__in=[u for u, roles in scope.roles_by_unit.items() if roles & services.WRITER_ROLES])


class CampaignListView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/campaign_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.campaign_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("-year", "-start_date", "-pk"), 30).get_page(self.request.GET.get("page")),
            "can_create": _organizers(user).exists(),
        }


class CampaignDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/campaign_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        campaign = selectors.campaign_with_activities(user=user, pk=kwargs["pk"])
        totals = selectors.unit_totals(campaign)
        reporting = set(services.reporting_units(user, campaign).values_list("pk", flat=True))
        return {
            "campaign": campaign,
            "unit_rows": totals,
            "not_reporting": [row["unit"] for row in totals if not row["activities"]],
            "can_change": services.may_organize(user, campaign.organizer),
            "can_report": bool(reporting),
            "reporting_unit_ids": reporting,
        }


class _CampaignFormView(LoginRequiredMixin, View):
    template_name = "tasks/campaign_form.html"

    def render_form(self, request, form, status=200):
        return render(request, self.template_name, {"form": form, "campaign": self.campaign}, status=status)

    def post(self, request, pk=None):
        self.setup_target(pk)
        form = CampaignForm(request.POST, organizers=_organizers(request.user))
        if form.is_valid():
            saved = run_service(form, lambda: self.call(dict(form.cleaned_data)))
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(saved.get_absolute_url())
        return self.render_form(request, form, status=400)


class CampaignCreateView(_CampaignFormView):
    def setup_target(self, pk):
        self.campaign = None
        if not _organizers(self.request.user).exists():
            raise PermissionDenied(_("您的角色只能查看，不能登记宣传活动。"))

    def get(self, request, pk=None):
        self.setup_target(pk)
        organizers = _organizers(request.user)
        initial = {"year": timezone.localdate().year}
        if organizers.count() == 1:
            initial["organizer"] = organizers.first().pk
        return self.render_form(request, CampaignForm(initial=initial, organizers=organizers))

    def call(self, values):
        return services.campaign_create(actor=self.request.user, **values)


class CampaignEditView(_CampaignFormView):
    def setup_target(self, pk):
        self.campaign = get_object_or_404(selectors.campaign_queryset(user=self.request.user), pk=pk)
        if not services.may_organize(self.request.user, self.campaign.organizer):
            raise PermissionDenied(_("只有安委办或组织单位可以修改宣传活动。"))

    def get(self, request, pk=None):
        self.setup_target(pk)
        c = self.campaign
        initial = {f: getattr(c, f) for f in services.CAMPAIGN_FIELDS}
        initial["participants"] = list(c.participants.values_list("pk", flat=True))
        return self.render_form(request, CampaignForm(initial=initial, organizers=_organizers(request.user)))

    def call(self, values):
        return services.campaign_update(actor=self.request.user, campaign=self.campaign, **values)


class ActivityFormView(LoginRequiredMixin, View):
    """Report an activity of the campaign (`pk`), or fix one (`activity_pk`)."""

    template_name = "tasks/activity_form.html"

    def _target(self, request, pk, activity_pk):
        if activity_pk is not None:
            activity = get_object_or_404(selectors.activity_queryset(user=request.user), pk=activity_pk)
            campaign = get_object_or_404(selectors.campaign_queryset(user=request.user), pk=activity.campaign_id)
            units = OrgUnit.objects.filter(pk=activity.unit_id)
            if not services.may_report_activity(request.user, campaign, activity.unit):
                raise PermissionDenied(_("只有参与单位可以填报本单位的活动开展情况。"))
        else:
            activity = None
            campaign = get_object_or_404(selectors.campaign_queryset(user=request.user), pk=pk)
            units = services.reporting_units(request.user, campaign)
            if not units.exists():
                raise PermissionDenied(_("只有参与单位可以填报本单位的活动开展情况。"))
        return campaign, activity, units

    def _render(self, request, form, campaign, activity, status=200):
        context = {"form": form, "campaign": campaign, "activity": activity}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk=None, activity_pk=None):
        campaign, activity, units = self._target(request, pk, activity_pk)
        initial = {f: getattr(activity, f) for f in services.ACTIVITY_FIELDS} if activity else {}
        if activity:
            initial["unit"] = activity.unit_id
        else:
            initial["held_on"] = min(max(timezone.localdate(), campaign.start_date), campaign.end_date)
        return self._render(request, ActivityForm(initial=initial, units=units), campaign, activity)

    def post(self, request, pk=None, activity_pk=None):
        campaign, activity, units = self._target(request, pk, activity_pk)
        form = ActivityForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k not in ("evidence", "unit")}
            files = form.cleaned_data["evidence"]
            if activity is None:
                call = lambda: services.activity_create(  # noqa: E731
                    actor=request.user, campaign=campaign, unit=form.cleaned_data["unit"], files=files, **values
                )
            else:
                call = lambda: services.activity_update(  # noqa: E731
                    actor=request.user, activity=activity, files=files, **values
                )
            if run_service(form, call) is not None:
                messages.success(request, _("活动开展情况已保存。"))
                return redirect(campaign.get_absolute_url())
        return self._render(request, form, campaign, activity, status=400)


class ActivityEvidenceView(LoginRequiredMixin, View):
    """An activity's photo or file, to those who see its campaign, never from a public media URL."""

    def get(self, request, pk):
        evidence = selectors.activity_evidence_for(user=request.user, pk=pk)
        return evidence_file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )
