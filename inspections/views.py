"""Pages of checklists and inspections; thin: the reads are in selectors, the writes in services and workflow."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from inspections import selectors, services, workflow
from inspections.choices import InspectionStatus
from inspections.documents import order_number, record_number
from inspections.forms import AddFindingForm, ChecklistForm, CloseForm, FindingFormSet, InspectionForm, RecheckForm
from inspections.permissions import may_act_on, may_edit_checklists, recordable_departments

STATUS_CSS = {
    InspectionStatus.RECTIFYING: "primary",
    InspectionStatus.RECHECKED: "warning",
    InspectionStatus.CLOSED: "success",
}


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


# ---- checklists ----------------------------------------------------------------------------------------------


class ChecklistListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/checklist_list.html"

    def get_context_data(self, **kwargs):
        data = self.request.GET.copy()
        data.setdefault("current", "true")
        filterset = selectors.checklist_list(filters=data)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {"filterset": filterset, "rows": rows, "can_edit": may_edit_checklists(self.request.user)}


class ChecklistDetailView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/checklist_detail.html"

    def get_context_data(self, **kwargs):
        template = get_object_or_404(selectors.checklist_detail_queryset(), pk=kwargs["pk"])
        return {
            "template": template,
            "can_edit": template.is_current and may_edit_checklists(self.request.user),
            "versions": template.__class__.objects.filter(sector=template.sector, name=template.name),
        }


class ChecklistEditView(LoginRequiredMixin, View):
    """Create (no pk) or edit a checklist; the county office only."""

    template_name = "inspections/checklist_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_edit_checklists(request.user):
            raise PermissionDenied(_("只有安委办可以编制和修改检查表。"))
        return super().dispatch(request, *args, **kwargs)

    def _template(self, pk):
        return get_object_or_404(selectors.checklist_detail_queryset(), pk=pk) if pk else None

    def get(self, request, pk=None):
        template = self._template(pk)
        initial = (
            {"sector": template.sector, "name": template.name, "items": ChecklistForm.items_text(template)}
            if template
            else {}
        )
        form = ChecklistForm(initial=initial, editing=bool(template))
        return render(request, self.template_name, {"form": form, "template": template})

    def post(self, request, pk=None):
        template = self._template(pk)
        initial = {"sector": template.sector} if template else {}
        form = ChecklistForm(request.POST, initial=initial, editing=bool(template))
        if form.is_valid():
            data = form.cleaned_data
            if template:
                call = lambda: services.checklist_update(  # noqa: E731
                    actor=request.user, template=template, name=data["name"], items=data["items"]
                )
            else:
                call = lambda: services.checklist_create(  # noqa: E731
                    actor=request.user, sector=data["sector"], name=data["name"], items=data["items"]
                )
            saved = _call(form, call)
            if saved:
                if template and saved.pk != template.pk:
                    messages.success(request, _("该检查表已被检查使用，已另存为第%(v)d版。") % {"v": saved.version})
                else:
                    messages.success(request, _("检查表已保存。"))
                return redirect("inspections:checklist-detail", pk=saved.pk)
        return render(request, self.template_name, {"form": form, "template": template}, status=400)


# ---- inspections ---------------------------------------------------------------------------------------------


class InspectionListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/inspection_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.inspection_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("-inspected_on", "-pk"), 50).get_page(self.request.GET.get("page")),
            "today": timezone.localdate(),
            "can_record": recordable_departments(self.request.user).exists(),
            "status_css": STATUS_CSS,
        }


def _detail_context(request, pk, **forms):
    inspection = get_object_or_404(selectors.inspection_detail_queryset(user=request.user), pk=pk)
    can_act = may_act_on(request.user, inspection) and inspection.status != InspectionStatus.CLOSED
    return {
        "inspection": inspection,
        "can_act": can_act,
        "recheck_form": forms.get("recheck_form") or RecheckForm(initial={"rechecked_on": timezone.localdate()}),
        "close_form": forms.get("close_form") or CloseForm(),
        "finding_form": forms.get("finding_form") or AddFindingForm(),
        "status_css": STATUS_CSS[InspectionStatus(inspection.status)],
        "today": timezone.localdate(),
    }


class InspectionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/inspection_detail.html"

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


class _InspectionActionView(LoginRequiredMixin, View):
    form_class = None
    form_key = None
    done = ""

    def act(self, request, inspection, data):
        raise NotImplementedError

    def post(self, request, pk):
        inspection = get_object_or_404(selectors.inspection_queryset(user=request.user), pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid() and _call(form, lambda: self.act(request, inspection, form.cleaned_data)):
            messages.success(request, self.done)
            return redirect("inspections:inspection-detail", pk=pk)
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        context = _detail_context(request, pk, **{self.form_key: form})
        return render(request, "inspections/inspection_detail.html", context, status=400)


class InspectionRecheckView(_InspectionActionView):
    form_class, form_key, done = RecheckForm, "recheck_form", _("已记录复查。")

    def act(self, request, inspection, data):
        return workflow.inspection_recheck(actor=request.user, inspection=inspection, **data)


class InspectionCloseView(_InspectionActionView):
    form_class, form_key, done = CloseForm, "close_form", _("检查已闭环。")

    def act(self, request, inspection, data):
        return workflow.inspection_close(actor=request.user, inspection=inspection, note=data["note"])


class InspectionFindingView(_InspectionActionView):
    form_class, form_key, done = AddFindingForm, "finding_form", _("已补充问题并生成隐患。")

    def act(self, request, inspection, data):
        return services.finding_add(actor=request.user, inspection=inspection, **data)


class InspectionCreateView(LoginRequiredMixin, View):
    """The record form, phone first. A checklist is chosen first (?checklist=), so its items show as answers."""

    template_name = "inspections/inspection_form.html"

    def _checklist(self, request):
        checklist_id = request.POST.get("checklist") or request.GET.get("checklist")
        if not checklist_id or not str(checklist_id).isdigit():
            return None
        return selectors.current_checklists().filter(pk=checklist_id).first()

    def _render(self, request, form, findings, status=200):
        context = {
            "form": form,
            "findings": findings,
            "checklists": selectors.current_checklists(),
            "checklist": form.checklist,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        if not recordable_departments(request.user).exists():
            raise PermissionDenied(_("只有部门人员或安委办可以登记检查。"))
        checklist = self._checklist(request)
        initial = {"inspected_on": timezone.localdate(), "inspectors": [request.user.pk]}
        if request.GET.get("enterprise", "").isdigit():
            initial["enterprise"] = request.GET["enterprise"]
        form = InspectionForm(user=request.user, checklist=checklist, initial=initial)
        return self._render(request, form, FindingFormSet(prefix="findings"))

    def post(self, request):
        checklist = self._checklist(request)
        form = InspectionForm(request.POST, user=request.user, checklist=checklist)
        findings = FindingFormSet(request.POST, prefix="findings")
        if form.is_valid() and findings.is_valid():
            data = form.cleaned_data
            rows = [f.cleaned_data for f in findings if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            inspection = _call(
                form,
                lambda: services.inspection_record(
                    actor=request.user,
                    kind=data["kind"],
                    department=data["department"],
                    inspectors=list(data["inspectors"]),
                    enterprise=data["enterprise"],
                    place=data["place"],
                    township=data["township"],
                    inspected_on=data["inspected_on"],
                    checklist=checklist,
                    answers=form.answers(),
                    summary=data["summary"],
                    findings=rows,
                    plan=data.get("plan"),
                ),
            )
            if inspection:
                messages.success(request, _("已登记检查%(n)s。") % {"n": inspection.number})
                return redirect("inspections:inspection-detail", pk=inspection.pk)
        return self._render(request, form, findings, status=400)


class _PrintView(LoginRequiredMixin, TemplateView):
    def get_context_data(self, **kwargs):
        inspection = get_object_or_404(selectors.inspection_detail_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "inspection": inspection,
            "order_number": order_number(inspection),
            "record_number": record_number(inspection),
        }


class InspectionPrintRecordView(_PrintView):
    template_name = "inspections/print_record.html"


class InspectionPrintOrderView(_PrintView):
    template_name = "inspections/print_order.html"
