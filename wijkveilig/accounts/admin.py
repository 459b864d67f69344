"""Django admin for the administrator (beheer): users, teams, memberships, tokens. No case content is registered."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from wijkveilig.accounts.models import ApiToken, Membership, Team, User

# Beheer resets a second factor but never reads one: the TOTP secrets stay out of the admin.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "team", "has_dv_expertise", "joined_on")
    readonly_fields = ("joined_on",)
    autocomplete_fields = ("user", "team")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "has_two_factor")
    list_filter = ("role", "is_active", "memberships__team")
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Wijkveilig"), {"fields": ("role", "organisation", "language")}))
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, (_("Wijkveilig"), {"fields": ("role", "organisation")}))
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(is_enrolled=Exists(enrolled))

    @admin.display(boolean=True, description=_("2FA ingesteld"), ordering="is_enrolled")
    def has_two_factor(self, user: User) -> bool:
        return user.is_enrolled

    @admin.action(description=_("Tweestapsverificatie opnieuw laten instellen"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """Remove the users' authenticator devices: their sessions lose the second factor and they enrol again."""
        with transaction.atomic():
            users = list(queryset)
            TOTPDevice.objects.filter(user__in=users).delete()
            for user in users:
                self.log_change(request, user, [{"changed": {"fields": ["tweestapsverificatie (gereset)"]}}])
        self.message_user(request, ngettext(
            "Tweestapsverificatie gereset voor %(count)d gebruiker; bij de volgende inlog stelt die het opnieuw in.",
            "Tweestapsverificatie gereset voor %(count)d gebruikers; bij de volgende inlog stellen zij het opnieuw in.",
            len(users)) % {"count": len(users)}, messages.SUCCESS)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "vt_contact", "vt_delivery")
    search_fields = ("name",)
    filter_horizontal = ("buurten",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "team", "has_dv_expertise", "joined_on")
    list_filter = ("team", "has_dv_expertise")
    search_fields = ("user__username", "user__last_name", "team__name")
    autocomplete_fields = ("user", "team")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "expires_at", "revoked_at")
    readonly_fields = ("user", "prefix", "key_hash", "created_at", "last_used_at")
    exclude = ()

    def has_add_permission(self, request):
        return False  # tokens are created by their owner only


# Background-task results can carry arguments and tracebacks; the administrator has no business reading them.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
