"""The public verification page of issued documents: `/verifikasi/<token>/`, no sign-in.

It confirms that a document is genuine (its token is known), who it is about, who approved it
and when, its hash, and whether a newer version replaced it — nothing of its content. An
uploaded PDF is compared with the recorded hash.
"""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kinerja.core.documents import sha256_of_chunks
from kinerja.core.models import IssuedDocument
from kinerja.core.tenancy import all_agencies_scope

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
CHECKS_PER_HOUR = 30


class UploadForm(forms.Form):
    """The PDF a visitor wants compared with the issued document."""

    document = forms.FileField(label=gettext_lazy("Berkas PDF"))

    def clean_document(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["document"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 10 MB)."))
        return upload


def _find(token: str) -> IssuedDocument | None:
    # A visitor has no agency: open every agency's scope only to look this token up.
    with all_agencies_scope():
        return IssuedDocument.objects.filter(token=token).first()


def _over_limit(request: HttpRequest) -> bool:
    """Count this upload against the visitor's address: at most CHECKS_PER_HOUR an hour."""
    key = f"verification-upload:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > CHECKS_PER_HOUR


@never_cache
@require_http_methods(["GET", "POST"])
def verify_document(request: HttpRequest, token: str) -> HttpResponse:
    """Show the seal of an issued document; compare an uploaded PDF with it."""
    document = _find(token)
    if document is None:
        response = render(request, "core/verification.html", {"document": None}, status=404)
    else:
        context: dict[str, object] = {"document": document, "form": UploadForm()}
        status = 200
        if request.method == "POST":
            status = _check_upload(request, document, context)
        response = render(request, "core/verification.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token must not leak to other sites, but the page's own form must still send its
    # origin: with "no-referrer" browsers post `Origin: null` and the CSRF check refuses it.
    response["Referrer-Policy"] = "same-origin"
    return response


def _check_upload(
    request: HttpRequest, document: IssuedDocument, context: dict[str, object]
) -> int:
    """Fill `context` with the outcome of comparing the upload; return the response status."""
    if _over_limit(request):
        context["limited"] = True
        return 429
    form = UploadForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return 400
    upload = form.cleaned_data["document"]
    context["matches"] = sha256_of_chunks(upload.chunks()) == document.sha256
    return 200
