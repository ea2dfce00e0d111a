"""A second factor for everyone who can edit: after the password, a code from an authenticator
app (TOTP) or one of the backup codes shown at enrolment, before any admin page.

django-otp keeps the devices, checks the codes (a TOTP code is refused the second time, a
backup code is used up) and marks the session as verified; this module adds the two admin
steps around it:

    /admin/second-factor/         admin:second_factor         a code, for staff with a device
    /admin/second-factor/enrol/   admin:second_factor_enrol   a QR code, the first code, then
                                                              the backup codes, shown once
    /admin/second-factor/sign-out/ admin:second_factor_sign_out  admin's own sign-out needs
                                                              the second factor already

A wrong code counts as a failed sign-in for django-axes, so codes cannot be guessed faster
than passwords. Removing a device ends its owner's sessions. `ComparatorAdminSite` asks
`passed()` before every admin page; only `ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT` (with
debug on) turns the step off.
"""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def required():
    return not settings.ADMIN_SECOND_FACTOR_OFF_FOR_LOCAL_DEVELOPMENT


def passed(request):
    """Whether this request's user has shown a second factor in this session (or none is
    asked for, in local development). A user signed in during this very request has no
    `is_verified` yet (OTPMiddleware ran before): not verified."""
    is_verified = getattr(request.user, "is_verified", None)
    return not required() or (is_verified is not None and is_verified())


def awaits_second_factor(request):
    """Signed in with a password as staff, the second factor still to come."""
    user = request.user
    return user.is_active and user.is_staff and not passed(request)


def step_url(request, next_url=""):
    """Where a signed-in editor goes next: the code, or enrolment if they have no device."""
    name = "admin:second_factor" if user_has_device(request.user) else "admin:second_factor_enrol"
    url = reverse(name)
    return f"{url}?next={next_url}" if next_url else url


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="Six digits from your authenticator app, or one of your backup codes.",
    )


def _safe_next(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else reverse("admin:index")


def _credentials(user):
    return {"username": user.get_username()}


def _lockout(request):
    """The lock-out page, when axes already refuses this user from this address."""
    if AxesProxyHandler.is_allowed(request, _credentials(request.user)):
        return None
    return get_lockout_response(request, credentials=_credentials(request.user))


def _refuse(request, form, message):
    """A wrong code is a failed sign-in: axes counts it, and locks out as for passwords."""
    user_login_failed.send(sender=__name__, credentials=_credentials(request.user), request=request)
    form.add_error("code", message)


def _gate(request):
    """The answer for a request that is not at this step: sign in first, or go on."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect(f"{reverse('admin:login')}?next={_safe_next(request)}")
    if not awaits_second_factor(request):
        return HttpResponseRedirect(_safe_next(request))
    return None


def _context(admin_site, request, **extra):
    return {
        **admin_site.each_context(request),
        "title": "Second factor",
        "next": _safe_next(request),
        **extra,
    }


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def verify_view(request, *, admin_site):
    if response := _gate(request):
        return response
    if not user_has_device(request.user):
        return redirect(step_url(request, _safe_next(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if response := _lockout(request):
            return response
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            login(request, device)
            return HttpResponseRedirect(_safe_next(request))
        _refuse(request, form, "That code is not valid (or was used already). Try the next one.")
    return TemplateResponse(
        request, "admin/second_factor/verify.html", _context(admin_site, request, form=form)
    )


def _unconfirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device):
    """The device's otpauth:// URL as an inline SVG, drawn here: no third-party request."""
    return segno.make(device.config_url, error="m").svg_inline(
        omitsize=True, dark="#111", light="#fff", title="QR code to scan with an authenticator app"
    )


def _issue_backup_codes(user):
    backup, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    backup.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def enrol_view(request, *, admin_site):
    if response := _gate(request):
        return response
    if user_has_device(request.user):
        return redirect(step_url(request, _safe_next(request)))
    device = _unconfirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if response := _lockout(request):
            return response
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            login(request, device)
            context = _context(admin_site, request, codes=_issue_backup_codes(request.user))
            return TemplateResponse(request, "admin/second_factor/backup_codes.html", context)
        _refuse(request, form, "That code does not match. Check the app's clock, then try again.")
    context = _context(
        admin_site,
        request,
        form=form,
        qr_code=qr_code_svg(device),
        secret=_spaced(device.bin_key),
    )
    return TemplateResponse(request, "admin/second_factor/enrol.html", context)


def _spaced(key):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def end_sessions_of_devices_owner(sender, instance, **kwargs):
    """A removed device (lost phone, departing editor) ends every session of its owner: a
    session verified by it must not outlive it."""
    if not instance.confirmed:
        return
    user_id = str(instance.user_id)
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()


@receiver(user_logged_out)
def _forget_unconfirmed_devices(sender, request, user, **kwargs):
    """An enrolment left half-way starts again with a new secret next time."""
    if user is not None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
