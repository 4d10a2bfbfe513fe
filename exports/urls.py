from django.urls import path

from exports import views

urlpatterns = [
    path("articles/<slug:slug>/export/notes.pdf", views.notes_pdf, name="export-notes-pdf"),
    path("articles/<slug:slug>/export/notes.md", views.notes_markdown, name="export-notes-md"),
    path(
        "articles/<slug:slug>/export/annotations.jsonld",
        views.annotations_jsonld,
        name="export-annotations-jsonld",
    ),
    path(
        "articles/<slug:slug>/export/flashcards.apkg",
        views.flashcards_apkg,
        name="export-flashcards-apkg",
    ),
    path("export/flashcards.apkg", views.all_flashcards_apkg, name="export-all-flashcards"),
    path("export/import-annotations", views.import_annotations, name="import-annotations"),
]
