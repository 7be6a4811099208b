"""Account forms: sign-in with NIP or username, password change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("NIP/nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin BKPSDM."),
    }


class ChangePasswordForm(PasswordChangeForm):
    pass


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari objek"), required=False)
    action = forms.ChoiceField(label=_("Aksi"), required=False)
    actor = forms.CharField(label=_("Pelaku"), required=False)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        action_field.choices = [("", _("Semua aksi")), *actions]


def add_service_errors(form: forms.Form, error: Any) -> None:
    """Show a service's ValidationError on the form: per field where it names fields."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
