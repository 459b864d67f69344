"""Beheer keeps the self-scan's themes and statements (data, not code: decision 0051). Statements that were answered
cannot be deleted (their answers keep them); switch them off with "in gebruik"."""

from django.contrib import admin

from wijkveilig.teams.models import SelfScanStatement, SelfScanTheme


class StatementInline(admin.TabularInline):
    model = SelfScanStatement
    extra = 0
    fields = ("order", "text", "source", "is_active")


@admin.register(SelfScanTheme)
class SelfScanThemeAdmin(admin.ModelAdmin):
    list_display = ("title", "code", "order")
    ordering = ("order",)
    inlines = [StatementInline]


@admin.register(SelfScanStatement)
class SelfScanStatementAdmin(admin.ModelAdmin):
    list_display = ("text", "theme", "order", "is_active")
    list_filter = ("theme", "is_active")
    search_fields = ("text",)
