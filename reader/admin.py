from django.contrib import admin

from reader.models import Article, Revision, Section


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "anchor", "heading", "word_count")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "word_count", "updated")
    search_fields = ("title", "slug")
    readonly_fields = ("current_revision", "word_count", "created", "updated")


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("article", "number", "source_format", "created")
    list_filter = ("source_format",)
    inlines = [SectionInline]
    readonly_fields = ("article", "number", "content_hash", "source_format")
