"""最佳实践案例 pages (key action 二): the calls, one call with its cases (ranked once published), the call form,
the case form and page (submit, return, score), and the county office's publication of the results. Reads come
from tasks.practice_selectors (scoped), writes go through tasks.practice_services and tasks.practice_workflow."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from tasks import practice_selectors as selectors
from tasks import practice_services as services
from tasks import practice_workflow as workflow
from tasks.campaign_choices import CallStatus, CaseStatus
from tasks.campaign_forms import PracticeCallForm, PracticeCaseForm, PublishForm, ReturnCaseForm, ScoreForm


class PracticeCallListView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/practice_call_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            "calls": selectors.call_queryset(user=user).order_by("-year", "kind", "-pk"),
            "can_manage": services.may_manage_calls(user),
        }


def _call_context(request, call):
    user = request.user
    cases = selectors.case_queryset(user=user).filter(call=call)
    published = call.status == CallStatus.PUBLISHED
    rows = selectors.ranked(cases) if published else cases.order_by("unit__sort_order", "pk")
    return {
        "call": call,
        "cases": rows,
        "published": published,
        "can_manage": services.may_manage_calls(user),
        "can_review": workflow.may_review_call(user, call),
        "can_submit": services.call_accepts_cases(call) and services.case_units(user).exists(),
        "deadline_passed": timezone.localdate() > call.deadline,
    }


class PracticeCallDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/practice_call_detail.html"

    def get_context_data(self, **kwargs):
        return _call_context(self.request, selectors.call_detail(user=self.request.user, pk=kwargs["pk"]))


class PracticeCallFormView(LoginRequiredMixin, View):
    """Open a call (no `pk`) or change one; the county office only."""

    template_name = "tasks/practice_call_form.html"

    def _target(self, request, pk):
        if not services.may_manage_calls(request.user):
            raise PermissionDenied(_("只有安委办可以发布案例征集。"))
        return selectors.call_detail(user=request.user, pk=pk) if pk else None

    def get(self, request, pk=None):
        call = self._target(request, pk)
        if call:
            initial = {f: getattr(call, f) for f in services.CALL_FIELDS}
            initial["reviewers"] = [u.pk for u in call.reviewers.all()]
        else:
            initial = {"year": timezone.localdate().year}
        return render(request, self.template_name, {"form": PracticeCallForm(initial=initial), "call": call})

    def post(self, request, pk=None):
        call = self._target(request, pk)
        form = PracticeCallForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            if call is None:
                saved = run_service(form, lambda: services.practice_call_create(actor=request.user, **values))
            else:
                saved = run_service(
                    form, lambda: services.practice_call_update(actor=request.user, call=call, **values)
                )
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(saved.get_absolute_url())
        return render(request, self.template_name, {"form": form, "call": call}, status=400)


class PracticeCallReviewView(LoginRequiredMixin, View):
    """POST: the county office closes submissions and opens the review."""

    def post(self, request, pk):
        call = selectors.call_detail(user=request.user, pk=pk)
        holder = ReturnCaseForm()
        if run_service(holder, lambda: workflow.practice_call_start_review(actor=request.user, call=call)):
            messages.success(request, _("已进入评审阶段。"))
            return redirect(call.get_absolute_url())
        messages.error(request, "；".join(str(e) for errors in holder.errors.values() for e in errors))
        return render(request, "tasks/practice_call_detail.html", _call_context(request, call), status=400)


class PracticeCallPublishView(LoginRequiredMixin, View):
    """The results: an award (or 未入选) for every scored case, chosen beside its mean score."""

    template_name = "tasks/practice_publish.html"

    def _target(self, request, pk):
        if not services.may_manage_calls(request.user):
            raise PermissionDenied(_("只有安委办可以公布评选结果。"))
        call = selectors.call_detail(user=request.user, pk=pk)
        cases = list(
            selectors.case_queryset(user=request.user)
            .filter(call=call, status=CaseStatus.SCORED)
            .order_by("-mean_score", "pk")
        )
        return call, cases

    def get(self, request, pk):
        call, cases = self._target(request, pk)
        return render(request, self.template_name, {"call": call, "form": PublishForm(cases=cases)})

    def post(self, request, pk):
        call, cases = self._target(request, pk)
        form = PublishForm(request.POST, cases=cases)
        if form.is_valid():
            done = run_service(
                form, lambda: workflow.practice_call_publish(actor=request.user, call=call, awards=form.awards())
            )
            if done is not None:
                messages.success(request, _("评选结果已公布。"))
                return redirect(call.get_absolute_url())
        return render(request, self.template_name, {"call": call, "form": form}, status=400)


class PracticeCaseFormView(LoginRequiredMixin, View):
    """Write a case for the call (`call_pk`) or fix a draft or returned one (`pk`). "保存草稿" keeps it, "申报"
    keeps and submits it."""

    template_name = "tasks/practice_case_form.html"

    def _target(self, request, call_pk, pk):
        if pk is not None:
            case = selectors.case_detail(user=request.user, pk=pk)
            if not services.may_write_case(request.user, case.unit):
                raise PermissionDenied(_("只有申报单位的负责人和工作人员可以修改案例。"))
            return case.call, case, None
        call = selectors.call_detail(user=request.user, pk=call_pk)
        units = services.case_units(request.user)
        if not units.exists():
            raise PermissionDenied(_("只有申报单位的负责人和工作人员可以申报案例。"))
        return call, None, units

    def _render(self, request, form, call, case, status=200):
        return render(request, self.template_name, {"form": form, "call": call, "case": case}, status=status)

    def get(self, request, call_pk=None, pk=None):
        call, case, units = self._target(request, call_pk, pk)
        initial = {f: getattr(case, f) for f in services.CASE_FIELDS} if case else {}
        return self._render(request, PracticeCaseForm(initial=initial, units=units), call, case)

    def post(self, request, call_pk=None, pk=None):
        call, case, units = self._target(request, call_pk, pk)
        form = PracticeCaseForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            saved = run_service(form, lambda: self._save(request, form, call, case))
            if saved is not None:
                return redirect(saved.get_absolute_url())
        return self._render(request, form, call, case, status=400)

    def _save(self, request, form, call, case):
        from django.db import transaction

        values = {k: form.cleaned_data[k] for k in services.CASE_FIELDS}
        files = form.cleaned_data["attachments"]
        with transaction.atomic():  # saving and submitting are one step for the person: both or neither
            if case is None:
                unit = form.cleaned_data["unit"]
                case = services.practice_case_create(actor=request.user, call=call, unit=unit, files=files, **values)
            else:
                case = services.practice_case_update(actor=request.user, case=case, files=files, **values)
            if "submit" in request.POST:
                case = workflow.practice_case_submit(actor=request.user, case=case)
                messages.success(request, _("已申报，等待评审。"))
            else:
                messages.success(request, _("草稿已保存。"))
            return case


def _case_context(request, pk, score_form=None, return_form=None):
    user = request.user
    case = selectors.case_detail(user=user, pk=pk)
    own_score = next((s for s in case.scores.all() if s.reviewer_id == user.pk), None)
    can_review = workflow.may_review_call(user, case.call)
    published = case.call.status == CallStatus.PUBLISHED
    initial = {"score": own_score.score, "comment": own_score.comment} if own_score else None
    return {
        "case": case,
        "can_write": services.may_write_case(user, case.unit) and case.status in services.EDITABLE,
        "can_review": can_review,
        "can_score": can_review
        and case.call.status == CallStatus.REVIEWING
        and case.status in (CaseStatus.SUBMITTED, CaseStatus.SCORED),
        "can_return": can_review and case.status == CaseStatus.SUBMITTED,
        # Reviewers see every score; the unit and everyone else see the mean once the results are out.
        "show_scores": can_review or published,
        "score_form": score_form or ScoreForm(initial=initial),
        "return_form": return_form or ReturnCaseForm(),
    }


class PracticeCaseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/practice_case_detail.html"

    def get_context_data(self, **kwargs):
        return _case_context(self.request, kwargs["pk"])


class PracticeCaseActionView(LoginRequiredMixin, View):
    """POST-only changes from the case page: submit, return (with a reason), score."""

    def post(self, request, pk, action):
        case = selectors.case_detail(user=request.user, pk=pk)
        if action in ("return", "score") and not workflow.may_review_call(request.user, case.call):
            raise PermissionDenied(str(workflow.REFUSALS[workflow.REVIEWER]))  # before a form error would answer
        forms = {"return": ReturnCaseForm(request.POST), "score": ScoreForm(request.POST)}
        form = forms.get(action)
        holder = form or ReturnCaseForm()
        calls = {
            "submit": lambda: workflow.practice_case_submit(actor=request.user, case=case),
            "return": lambda: workflow.practice_case_return(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            ),
            "score": lambda: workflow.practice_case_score(
                actor=request.user, case=case, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
            ),
        }
        if (form is None or form.is_valid()) and run_service(holder, calls[action]):
            done = {
                "submit": _("已申报。"),
                "return": _("已退回，申报单位将看到退回理由。"),
                "score": _("评分已保存。"),
            }
            messages.success(request, done[action])
            return redirect(case.get_absolute_url())
        if form is None:
            messages.error(request, "；".join(str(e) for errors in holder.errors.values() for e in errors))
        context = _case_context(
            request,
            pk,
            score_form=holder if action == "score" else None,
            return_form=holder if action == "return" else None,
        )
        return render(request, "tasks/practice_case_detail.html", context, status=400)


class CaseAttachmentView(LoginRequiredMixin, View):
    """A case's file, to those who see the case, never from a public media URL."""

    def get(self, request, pk):
        attachment = selectors.attachment_for(user=request.user, pk=pk)
        return evidence_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type
        )
