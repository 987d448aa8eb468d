"""Shelters in Excel: the list's export with its filters, and the shelter-list import (upload, a preview that
writes nothing, confirm that creates every row or none). The same steps as the hazards ledger import."""

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
from core.models import OrgUnit
from core.spreadsheets import XLSX, check_upload_size
from disasters import shelter_excel
from disasters.shelter_selectors import shelter_list

SESSION_KEY = "shelter_list_import"
DONE_URL = "disasters:shelter-list"


def _xlsx_response(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ShelterExportView(LoginRequiredMixin, View):
    """The list's rows, with its filters and the person's scope, as an Excel file."""

    def get(self, request):
        filterset = shelter_list(user=request.user, filters=request.GET)
        if not filterset.is_valid():
            return HttpResponse(
                "；".join(e for errors in filterset.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        villages = Prefetch("covered_villages", queryset=OrgUnit.objects.order_by("code"))
        rows = filterset.qs.order_by("township__sort_order", "code").prefetch_related(villages)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return _xlsx_response(shelter_excel.shelters_workbook(rows), f"shelters-{stamp}.xlsx")


class ShelterImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("应急避难场所清单（Excel .xlsx）"), widget=forms.FileInput(attrs={"accept": ".xlsx"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("最多%(rows)d行，不超过%(mb)dMB。") % {
            "rows": shelter_excel.MAX_ROWS,
            "mb": shelter_excel.MAX_BYTES // 1024 // 1024,
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload_size(upload, shelter_excel.MAX_BYTES)
        shelter_excel.read_shelter_list(upload.read())
        upload.seek(0)
        return upload


class ShelterImportView(LoginRequiredMixin, View):
    """Anyone signed in may upload; shelter_create decides, row by row, what they may register."""

    template_name = "disasters/shelter_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ShelterImportForm()})

    def post(self, request):
        form = ShelterImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        previous = request.session.get(SESSION_KEY)
        if previous:
            import_file_discard(previous["token"])
        upload = form.cleaned_data["file"]
        token = import_file_keep(upload)
        request.session[SESSION_KEY] = {"token": token, "name": upload.name}
        return redirect("disasters:shelter-import-preview", token=token)


class ShelterImportPreviewView(LoginRequiredMixin, View):
    """GET shows what the kept file would register; POST (确认导入) imports it."""

    template_name = "disasters/shelter_import_preview.html"

    def _kept(self, request, token):
        kept = request.session.get(SESSION_KEY)
        if not kept or kept["token"] != token:
            raise Http404
        return kept

    def _render(self, request, kept, result, status=200):
        headers = [_(h) for h in shelter_excel.COLUMNS.values()]
        return render(request, self.template_name, {"kept": kept, "result": result, "headers": headers}, status=status)

    def _gone(self, request, kept):
        if kept.get("imported") is not None:
            messages.info(request, _("该文件已导入（%(n)d个避难场所）。") % {"n": kept["imported"]})
            return redirect(DONE_URL)
        messages.error(request, _("上传的文件已过期或正在导入，请稍后查看或重新上传。"))
        return redirect("disasters:shelter-import")

    def get(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_read(token)
        if content is None:
            return self._gone(request, kept)
        return self._render(request, kept, shelter_excel.shelter_list_preview(actor=request.user, content=content))

    def post(self, request, token):
        kept = self._kept(request, token)
        content = None if kept.get("imported") is not None else import_file_claim(token)
        if content is None:
            return self._gone(request, kept)
        result = shelter_excel.shelter_list_import(actor=request.user, content=content)
        if not result.ok:
            import_file_release(token)
            return self._render(request, kept, result, status=400)
        import_file_discard(token)
        request.session[SESSION_KEY] = kept | {"imported": result.created}
        messages.success(request, _("已导入%(n)d个应急避难场所。") % {"n": result.created})
        return redirect(DONE_URL)


class ShelterTemplateView(LoginRequiredMixin, View):
    def get(self, request):
        return _xlsx_response(shelter_excel.shelter_template_workbook(), "shelter-list-template.xlsx")
