"""Django's own authentication forms with Bootstrap classes."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from dangvu.core.forms import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Phones: no auto-capitalised or auto-corrected user names.
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )


class BootstrapPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    pass
