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
    # Staff share a reader's article with everyone by ticking "is public".
    list_display = ("title", "slug", "owner", "is_public", "word_count", "updated")
    list_filter = ("is_public",)
    search_fields = ("title", "slug", "owner__username")
    readonly_fields = (
        "current_revision", "word_count", "stored_bytes", "owner", "created", "updated"
    )  # fmt: skip


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("article", "number", "source_format", "created")
    list_filter = ("source_format",)
    inlines = [SectionInline]
    readonly_fields = ("article", "number", "content_hash", "source_format")
