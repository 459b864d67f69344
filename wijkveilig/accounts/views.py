"""Login with password + TOTP, enrolment, logout, language and API tokens."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from wijkveilig.accounts import services
from wijkveilig.accounts.forms import ApiTokenForm, LanguageForm, LoginForm, TokenForm
from wijkveilig.accounts.middleware import AUTH_AT_KEY
from wijkveilig.audit.services import Actor
from wijkveilig.core.errors import DomainError
from wijkveilig.core.http import form_data


def lockout_response(request, response=None, credentials=None):
    return render(request, "accounts/locked.html", {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
                  status=429)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return settings.LOGIN_REDIRECT_URL


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            request.session[AUTH_AT_KEY] = timezone.now().isoformat()
            request.session["next"] = _next_url(request)
            if services.totp_confirmed_device(user) is None:
                return redirect("accounts:enrol")
            return redirect("accounts:verify")
        form.add_error(None, _("Gebruikersnaam of wachtwoord is onjuist."))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


def _finish_second_factor(request, device):
    otp_login(request, device)
    # A session id seen before the second factor (e.g. fixated after the password step) is worthless afterwards.
    request.session.cycle_key()
    return redirect(request.session.pop("next", settings.LOGIN_REDIRECT_URL))


@require_http_methods(["GET", "POST"])
def verify_view(request):
    device = services.totp_confirmed_device(request.user)
    if device is None:
        return redirect("accounts:enrol")
    form = TokenForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            return _finish_second_factor(request, device)
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Wacht op de volgende code."))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@require_http_methods(["GET", "POST"])
def enrol_view(request):
    if services.totp_confirmed_device(request.user) is not None:
        return redirect("accounts:verify")
    device = services.totp_device_for_enrolment(request.user)
    form = TokenForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return _finish_second_factor(request, device)
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw."))
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/enrol.html",
                  {"form": form, "qr_svg": _qr_svg(device.config_url), "secret": secret})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def settings_view(request):
    language_form = LanguageForm(form_data(request), initial={"language": request.user.language})
    if request.method == "POST" and language_form.is_valid():
        services.user_set_language(user=request.user, language=language_form.cleaned_data["language"])
        return redirect("accounts:settings")
    context = {"language_form": language_form, "token_form": ApiTokenForm(), "tokens": request.user.api_tokens.all(),
               "now": timezone.now()}
    return render(request, "accounts/settings.html", context, status=400 if language_form.errors else 200)


@require_POST
def token_create_view(request):
    form = ApiTokenForm(request.POST)
    new_key = None
    if form.is_valid():
        try:
            _token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"],
                                                           actor=Actor.from_request(request))
        except DomainError as exc:
            form.add_error("name", exc.message)
    status = 200 if new_key else 400
    return render(request, "accounts/settings.html",
                  {"language_form": LanguageForm(initial={"language": request.user.language}), "token_form": form,
                   "tokens": request.user.api_tokens.all(), "new_key": new_key, "now": timezone.now()}, status=status)


@require_POST
def token_revoke_view(request, token_id: int):
    if services.api_token_revoke(user=request.user, token_id=token_id, actor=Actor.from_request(request)):
        messages.success(request, _("Het token is ingetrokken."))
    else:
        messages.error(request, _("Dit token bestaat niet of is al ingetrokken."))
    return redirect("accounts:settings")
