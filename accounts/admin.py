from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.admin_login import guarded_login
from accounts.models import ConsultantProfile, User

# The admin's password form follows the site's lock-out policy (accounts.lockout); staff then
# pass the two-step check of accounts.middleware.TwoStepMiddleware.
admin.site.login = guarded_login(admin.site.login)


class ConsultantProfileInline(admin.StackedInline):
    model = ConsultantProfile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_consultant", "is_staff", "date_joined"]
    list_filter = ["is_consultant", "is_staff", "is_active", "language"]
    search_fields = ["email", "full_name"]
    inlines = [ConsultantProfileInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "language", "is_consultant"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
