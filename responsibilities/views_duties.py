"""Pages of leaders' duty lists and the sector map (监管盲区)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from responsibilities import duty_selectors as selectors
from responsibilities import duty_services as services
from responsibilities.duty_deadlines import nearest_half
from responsibilities.duty_forms import DutyForm, DutyListForm, LeaderForm, SectorSupervisionForm
from responsibilities.duty_report_services import may_write_report
from responsibilities.models import Duty


class LeaderListView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/duties_leader_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.leader_filtered_list(user=user, filters=self.request.GET)
        return {
            "leaders": filterset.qs if filterset.is_valid() else filterset.queryset.none(),
            "filterset": filterset,
            "choices": selectors.duty_filter_choices(user=user),
            "query": self.request.GET.urlencode(),
            "can_change": services.may_keep_duties(user),
        }


class LeaderDetailView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/duties_leader_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        leader = get_object_or_404(selectors.leader_queryset(user=user), pk=kwargs["pk"])
        report_year, report_half, _due = nearest_half(timezone.localdate())
        return {
            "leader": leader,
            "lists": selectors.duty_list_detail_queryset(user=user).filter(leader=leader),
            "can_change": services.may_keep_duties(user),
            "reports": selectors.duty_report_queryset(user=user).filter(leader=leader),
            "can_write_report": may_write_report(user, leader),
            "report_year": report_year,
            "report_half": report_half,
        }


class SectorMapView(LoginRequiredMixin, TemplateView):
    template_name = "responsibilities/duties_sector_map.html"

    def get_context_data(self, **kwargs):
        sectors = selectors.sector_map(user=self.request.user)
        return {
            "sectors": sectors,
            "blind_count": sum(1 for s in sectors if s["blind"]),
            "can_change": services.may_keep_duties(self.request.user),
        }


class _KeeperFormView(LoginRequiredMixin, View):
    """A form page whose POST calls one service; a refused form is shown again with what was typed."""

    template_name = "responsibilities/duties_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not services.may_keep_duties(request.user):
            raise PermissionDenied(_("只有县安委办可以维护责任清单。"))
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, form, status=200):
        context = {"form": form, "heading": self.heading, "back_url": self.back_url}
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        self.setup_target(**kwargs)
        return self.render_form(request, self.make_form())

    def post(self, request, **kwargs):
        self.setup_target(**kwargs)
        form = self.make_form(request.POST)
        if form.is_valid():
            saved = run_service(form, lambda: self.call(form))
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(reverse("responsibilities:leader-detail", args=[self.leader_id(saved)]))
        return self.render_form(request, form, status=400)


class DutyListCreateView(_KeeperFormView):
    def setup_target(self, **kwargs):
        self.instance = None
        self.heading = _("新建责任清单")
        self.back_url = reverse("responsibilities:leader-list")

    def make_form(self, data=None):
        initial = {"leader": self.request.GET.get("leader"), "year": self.request.GET.get("year") or 2024}
        return DutyListForm(data, instance=self.instance, initial=initial)

    def call(self, form):
        values = {name: form.cleaned_data[name] for name in DutyListForm.Meta.fields}
        if self.instance is None:
            return services.duty_list_create(actor=self.request.user, **values)
        return services.duty_list_update(actor=self.request.user, duty_list=self.instance, **values)

    def leader_id(self, saved):
        return saved.leader_id


class DutyListEditView(DutyListCreateView):
    def setup_target(self, pk):
        self.instance = get_object_or_404(selectors.duty_list_queryset(user=self.request.user), pk=pk)
        self.heading = _("修改责任清单：%(list)s") % {"list": self.instance}
        self.back_url = reverse("responsibilities:leader-detail", args=[self.instance.leader_id])


class DutyAddView(_KeeperFormView):
    def setup_target(self, pk):
        self.duty_list = get_object_or_404(selectors.duty_list_queryset(user=self.request.user), pk=pk)
        self.instance = None
        self.heading = _("添加职责：%(list)s") % {"list": self.duty_list}
        self.back_url = reverse("responsibilities:leader-detail", args=[self.duty_list.leader_id])

    def make_form(self, data=None):
        return DutyForm(data, instance=self.instance, year=self.duty_list.year)

    def call(self, form):
        values = dict(form.cleaned_data)
        if self.instance is None:
            return services.duty_add(actor=self.request.user, duty_list=self.duty_list, **values)
        return services.duty_update(actor=self.request.user, duty=self.instance, **values)

    def leader_id(self, saved):
        return self.duty_list.leader_id


class DutyEditView(DutyAddView):
    def setup_target(self, pk):
        duties = Duty.objects.visible_to(self.request.user).select_related("duty_list__leader")
        self.instance = get_object_or_404(duties, pk=pk)
        self.duty_list = self.instance.duty_list
        self.heading = _("修改职责：%(list)s") % {"list": self.duty_list}
        self.back_url = reverse("responsibilities:leader-detail", args=[self.duty_list.leader_id])


class LeaderCreateView(_KeeperFormView):
    def setup_target(self, **kwargs):
        self.instance = None
        self.heading = _("登记领导干部")
        self.back_url = reverse("responsibilities:leader-list")

    def make_form(self, data=None):
        return LeaderForm(data, instance=self.instance)

    def call(self, form):
        values = dict(form.cleaned_data)
        if self.instance is None:
            return services.leader_create(actor=self.request.user, **values)
        return services.leader_update(actor=self.request.user, leader=self.instance, **values)

    def leader_id(self, saved):
        return saved.pk


class LeaderEditView(LeaderCreateView):
    def setup_target(self, pk):
        self.instance = get_object_or_404(selectors.leader_queryset(user=self.request.user), pk=pk)
        self.heading = _("修改领导干部：%(leader)s") % {"leader": self.instance}
        self.back_url = reverse("responsibilities:leader-detail", args=[pk])


class SectorSupervisionSetView(_KeeperFormView):
    def setup_target(self, **kwargs):
        self.heading = _("登记部门监管职责")
        self.back_url = reverse("responsibilities:sector-map")

    def make_form(self, data=None):
        return SectorSupervisionForm(data, initial={"sector": self.request.GET.get("sector")})

    def call(self, form):
        return services.sector_supervision_set(actor=self.request.user, **form.cleaned_data)

    def post(self, request, **kwargs):
        response = super().post(request, **kwargs)
        if response.status_code == 302:
            return redirect("responsibilities:sector-map")
        return response

    def leader_id(self, saved):
        return 0  # not used: the page goes back to the sector map
