"""Pages of rescue teams (专、常、群): list, detail with members and equipment, and their forms."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from disasters import readiness_selectors as selectors
from disasters import readiness_services as services
from disasters.models import TeamEquipment, TeamMember
from disasters.readiness_choices import TEAM_KIND_CSS
from disasters.readiness_forms import MemberLeaveForm, RescueTeamForm, TeamEquipmentForm, TeamMemberForm
from disasters.readiness_permissions import may_change_team, may_register


def call_service(form, call):
    """The service's result, or None with its ValidationError or PermissionDenied put on the form."""
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


class ServiceFormView(LoginRequiredMixin, View):
    """A form page whose POST calls one service; a refused form is shown again with what was typed."""

    template_name = "disasters/readiness_form.html"
    title = ""

    def target(self, request, **kwargs):
        """The record the page is about (checked: visible and changeable), or None for a new one."""
        if not may_register(request.user):
            raise PermissionDenied(_("您的角色只能查看，不能登记。"))
        return None

    def make_form(self, request, target, data=None, files=None):
        raise NotImplementedError

    def call(self, request, target, form):
        raise NotImplementedError

    def done_url(self, saved, target):
        raise NotImplementedError

    def back_url(self, target):
        raise NotImplementedError

    def heading(self, target):
        return self.title

    def render_form(self, request, target, form, status=200):
        context = {"form": form, "heading": self.heading(target), "back_url": self.back_url(target), "target": target}
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        target = self.target(request, **kwargs)
        return self.render_form(request, target, self.make_form(request, target))

    def post(self, request, **kwargs):
        target = self.target(request, **kwargs)
        form = self.make_form(request, target, request.POST, request.FILES)
        if form.is_valid():
            saved = call_service(form, lambda: self.call(request, target, form))
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(self.done_url(saved, target))
        return self.render_form(request, target, form, status=400)


def _team_for_change(request, pk):
    team = get_object_or_404(selectors.rescue_team_queryset(user=request.user), pk=pk)
    if not may_change_team(request.user, team):
        raise PermissionDenied(_("您无权修改该救援队伍。"))
    return team


class RescueTeamListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_team_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.rescue_team_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows, 50).get_page(self.request.GET.get("page")),
            "units": selectors.owner_units(user=self.request.user),
            "kind_css": TEAM_KIND_CSS,
            "can_create": may_register(self.request.user),
        }


class RescueTeamDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_team_detail.html"

    def get_context_data(self, **kwargs):
        team = get_object_or_404(selectors.rescue_team_detail_queryset(user=self.request.user), pk=kwargs["pk"])
        members = list(team.members.all())
        return {
            "team": team,
            "active_members": [m for m in members if m.left_on is None],
            "former_members": [m for m in members if m.left_on is not None],
            "can_change": may_change_team(self.request.user, team),
            "kind_css": TEAM_KIND_CSS.get(team.kind, "secondary"),
        }


class RescueTeamCreateView(ServiceFormView):
    title = gettext_lazy("登记救援队伍")

    def make_form(self, request, target, data=None, files=None):
        return RescueTeamForm(data, user=request.user, initial={"is_active": True})

    def call(self, request, target, form):
        return services.rescue_team_create(actor=request.user, **form.cleaned_data)

    def done_url(self, saved, target):
        return reverse("disasters:rescue-team-detail", args=[saved.pk])

    def back_url(self, target):
        return reverse("disasters:rescue-team-list")


class RescueTeamEditView(RescueTeamCreateView):
    def target(self, request, pk):
        return _team_for_change(request, pk)

    def heading(self, target):
        return _("修改救援队伍：%(name)s") % {"name": target.name}

    def make_form(self, request, target, data=None, files=None):
        return RescueTeamForm(data, instance=target, user=request.user)

    def call(self, request, target, form):
        return services.rescue_team_update(actor=request.user, team=target, **form.cleaned_data)

    def back_url(self, target):
        return reverse("disasters:rescue-team-detail", args=[target.pk])


class TeamMemberAddView(ServiceFormView):
    def target(self, request, pk):
        return _team_for_change(request, pk)

    def heading(self, target):
        return _("添加队员：%(name)s") % {"name": target.name}

    def make_form(self, request, target, data=None, files=None):
        return TeamMemberForm(data)

    def call(self, request, target, form):
        return services.team_member_add(actor=request.user, team=target, **form.cleaned_data)

    def done_url(self, saved, target):
        return reverse("disasters:rescue-team-detail", args=[target.pk])

    def back_url(self, target):
        return self.done_url(None, target)


class TeamMemberLeaveView(ServiceFormView):
    def target(self, request, pk):
        member = get_object_or_404(
            TeamMember.objects.visible_to(request.user).select_related("team__owner_unit"), pk=pk
        )
        if not may_change_team(request.user, member.team):
            raise PermissionDenied(_("您无权调整该队伍的队员。"))
        return member

    def heading(self, target):
        return _("队员离队：%(name)s（%(team)s）") % {"name": target.name, "team": target.team.name}

    def make_form(self, request, target, data=None, files=None):
        return MemberLeaveForm(data, initial={"left_on": timezone.localdate()})

    def call(self, request, target, form):
        return services.team_member_leave(actor=request.user, member=target, left_on=form.cleaned_data["left_on"])

    def done_url(self, saved, target):
        return reverse("disasters:rescue-team-detail", args=[target.team_id])

    def back_url(self, target):
        return self.done_url(None, target)


class TeamEquipmentAddView(TeamMemberAddView):
    def heading(self, target):
        return _("登记装备：%(name)s") % {"name": target.name}

    def make_form(self, request, target, data=None, files=None):
        return TeamEquipmentForm(data)

    def call(self, request, target, form):
        return services.team_equipment_add(actor=request.user, team=target, **form.cleaned_data)


class TeamEquipmentEditView(ServiceFormView):
    def target(self, request, pk):
        equipment = get_object_or_404(
            TeamEquipment.objects.visible_to(request.user).select_related("team__owner_unit"), pk=pk
        )
        if not may_change_team(request.user, equipment.team):
            raise PermissionDenied(_("您无权修改该队伍的装备。"))
        return equipment

    def heading(self, target):
        return _("修改装备：%(name)s（%(team)s）") % {"name": target.name, "team": target.team.name}

    def make_form(self, request, target, data=None, files=None):
        return TeamEquipmentForm(data, instance=target)

    def call(self, request, target, form):
        return services.team_equipment_update(actor=request.user, equipment=target, **form.cleaned_data)

    def done_url(self, saved, target):
        return reverse("disasters:rescue-team-detail", args=[target.team_id])

    def back_url(self, target):
        return self.done_url(None, target)
