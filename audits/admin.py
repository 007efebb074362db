"""Staff edit questionnaires here. Published versions are read-only: "New draft version"
copies one into an editable draft, and "Publish" freezes a draft."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audits.models import (
    Audit,
    Choice,
    Dimension,
    Objective,
    Pillar,
    Question,
    Questionnaire,
)
from audits.questionnaires.services import questionnaire_new_version, questionnaire_publish


class FrozenWhenPublished:
    """Admin mixin: nothing under a published questionnaire can be changed or deleted."""

    def questionnaire_of(self, obj) -> Questionnaire | None:
        return obj.owning_questionnaire() if obj is not None else None

    def _editable(self, obj) -> bool:
        questionnaire = self.questionnaire_of(obj)
        return questionnaire is None or questionnaire.is_editable

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and not self._editable(obj):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New rows may only be attached under a draft questionnaire.
        drafts = {
            "questionnaire": Questionnaire.objects.filter(status=Questionnaire.Status.DRAFT),
            "pillar": Pillar.objects.filter(questionnaire__status=Questionnaire.Status.DRAFT),
            "dimension": Dimension.objects.filter(
                pillar__questionnaire__status=Questionnaire.Status.DRAFT
            ),
        }
        if db_field.name in drafts:
            kwargs["queryset"] = drafts[db_field.name]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PillarInline(FrozenWhenPublished, admin.TabularInline):
    model = Pillar
    extra = 0
    fields = ["position", "code", "name_fr", "name_en", "weight"]
    show_change_link = True

    def questionnaire_of(self, obj):
        return obj


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "status", "title_en", "published_at"]
    list_filter = ["status", "code"]
    inlines = [PillarInline]
    actions = ["new_version", "publish"]
    readonly_fields = ["status", "published_at", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [f.name for f in obj._meta.fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.audits.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Create a new draft version"))
    def new_version(self, request, queryset):
        for questionnaire in queryset:
            draft = questionnaire_new_version(questionnaire=questionnaire)
            self.message_user(
                request, _("Draft version %(v)d created.") % {"v": draft.version}, messages.SUCCESS
            )

    @admin.action(description=_("Publish (freezes the version)"))
    def publish(self, request, queryset):
        for questionnaire in queryset:
            questionnaire_publish(questionnaire=questionnaire)
        self.message_user(request, _("Published."), messages.SUCCESS)


class DimensionInline(FrozenWhenPublished, admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["position", "code", "name_fr", "name_en", "weight"]
    show_change_link = True

    def questionnaire_of(self, obj):
        return obj.questionnaire if obj is not None else None


@admin.register(Pillar)
class PillarAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["name_en", "code", "questionnaire", "position", "weight"]
    list_filter = ["questionnaire"]
    inlines = [DimensionInline]


class QuestionInline(FrozenWhenPublished, admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "code", "kind", "reverse", "required", "weight", "text_fr", "text_en"]
    show_change_link = True

    def questionnaire_of(self, obj):
        return obj.pillar.questionnaire if obj is not None else None


@admin.register(Dimension)
class DimensionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["name_en", "code", "pillar", "position", "weight"]
    list_filter = ["pillar__questionnaire"]
    list_select_related = ["pillar__questionnaire"]
    inlines = [QuestionInline]


class ChoiceInline(FrozenWhenPublished, admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["position", "code", "score", "label_fr", "label_en"]

    def questionnaire_of(self, obj):
        return obj.dimension.pillar.questionnaire if obj is not None else None


@admin.register(Question)
class QuestionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["code", "kind", "reverse", "required", "weight", "dimension"]
    list_filter = ["kind", "reverse", "dimension__pillar__questionnaire"]
    list_select_related = ["dimension__pillar__questionnaire"]
    search_fields = ["code", "text_fr", "text_en"]
    inlines = [ChoiceInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "kind", "target_quantity", "target_unit", "deadline"]
    list_filter = ["kind"]
    list_select_related = ["owner"]
    search_fields = ["title", "owner__email"]


@admin.register(Audit)
class AuditAdmin(admin.ModelAdmin):
    """Staff see the state of audits, not their answers (those stay the professional's)."""

    list_display = ["id", "owner", "objective", "questionnaire", "status", "started_at"]
    list_filter = ["status", "questionnaire"]
    list_select_related = ["owner", "objective", "questionnaire"]
    readonly_fields = [
        "owner",
        "objective",
        "questionnaire",
        "status",
        "submitted_at",
        "self_scores",
    ]
    search_fields = ["owner__email"]

    def has_add_permission(self, request):
        return False
