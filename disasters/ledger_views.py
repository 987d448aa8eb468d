"""Risk points in Excel: the list's export with its filters, and the 地灾隐患点台账 import (upload, preview that
writes nothing, confirm that registers or updates every row or none)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.forms import StyledFormMixin
from core.import_files import (
    import_file_claim,
    import_file_discard,
    import_file_keep,
    import_file_read,
    import_file_release,
)
from core.spreadsheets import XLSX, check_upload_size
from disasters import ledger, selectors
from disasters.ledger_excel import ledger_template_workbook, risk_points_workbook
from disasters.models import RiskZone

SESSION_KEY = "risk_point_ledger_import"
DONE_URL = "disasters:risk-point-list"


def _xlsx_response(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class RiskPointExportView(LoginRequiredMixin, View):
    """The list's rows, with its filters and the person's scope, in the ledger's columns."""

    def get(self, request):
        filterset = selectors.risk_point_list(user=request.user, filters=request.GET)
        if not filterset.is_valid():
            return HttpResponse(
                "；".join(e for errors in filterset.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        points = filterset.qs.order_by("township__sort_order", "code").prefetch_related(
            Prefetch("zones", queryset=RiskZone.objects.order_by("code"))
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return _xlsx_response(risk_points_workbook(points), f"risk-points-{stamp}.xlsx")


class LedgerImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("地灾隐患点台账（Excel .xlsx）"), widget=forms.FileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("最多%(rows)d行，不超过%(mb)dMB。") % {
            "rows": ledger.MAX_ROWS,
            "mb": ledger.MAX_BYTES // 1024 // 1024,
        }

    def clean_file(self):
        """Refused here by what the bytes are, not by the name: openpyxl must be able to read them."""
        upload = self.cleaned_data["file"]
        check_upload_size(upload, ledger.MAX_BYTES)
        ledger.read_ledger(upload.read())
        upload.seek(0)
        return upload


class LedgerImportView(LoginRequiredMixin, View):
    """Anyone signed in may upload; the services decide, row by row, what they may register or change."""

    template_name = "disasters/ledger_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": LedgerImportForm()})

    def post(self, request):
        form = LedgerImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        previous = request.session.get(SESSION_KEY)
        if previous:
            import_file_discard(previous["token"])
        upload = form.cleaned_data["file"]
        token = import_file_keep(upload)
        request.session[SESSION_KEY] = {"token": token, "name": upload.name}
        return redirect("disasters:risk-point-import-preview", token=token)


class LedgerImportPreviewView(LoginRequiredMixin, View):
    """GET shows what the kept file would register or change; POST (确认导入) imports it."""

    template_name = "disasters/ledger_import_preview.html"

    def _kept(self, request, token):
        # Only the token this session uploaded: another person's token, or a stale one, is not found.
        kept = request.session.get(SESSION_KEY)
        if not kept or kept["token"] != token:
            raise Http404
        return kept

    def _render(self, request, kept, result, status=200):
        context = {
            "kept": kept,
            "result": result,
            "headers": [_(h) for h in ledger.COLUMNS.values()],
            "counts": {action: result.count(action) for action in (ledger.CREATE, ledger.UPDATE, ledger.SAME)},
        }
        return render(request, self.template_name, context, status=status)

    def _gone(self, request, kept):
        if kept.get("imported") is not None:  # a second click on 确认导入, or the back button
            messages.info(request, _("该文件已导入（%(n)d个隐患点）。") % {"n": kept["imported"]})
            return redirect(DONE_URL)
        messages.error(request, _("上传的文件已过期或正在导入，请稍后查看或重新上传。"))
        return redirect("disasters:risk-point-import")

    def get(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_read(token)
        if content is None:
            return self._gone(request, kept)
        return self._render(request, kept, ledger.risk_point_ledger_preview(actor=request.user, content=content))

    def post(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_claim(token)
        if content is None:
            return self._gone(request, kept)
        result = ledger.risk_point_ledger_import(actor=request.user, content=content)
        if not result.ok:
            import_file_release(token)
            return self._render(request, kept, result, status=400)
        import_file_discard(token)
        request.session[SESSION_KEY] = kept | {"imported": result.created + result.updated}
        messages.success(
            request,
            _("已导入隐患点台账：新增%(created)d个，更新%(updated)d个，未变%(same)d个。")
            % {"created": result.created, "updated": result.updated, "same": result.count(ledger.SAME)},
        )
        return redirect(DONE_URL)


class LedgerTemplateView(LoginRequiredMixin, View):
    def get(self, request):
        return _xlsx_response(ledger_template_workbook(), "risk-point-ledger-template.xlsx")
