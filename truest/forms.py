from allauth.account import forms as allauth_forms
from django import forms


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your current password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="So nobody can delete your account from a computer you left signed in.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form with labels in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email"
        self.fields["password"].label = "Password"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me logged in on this device"
