from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(label="Article file", help_text="Markdown, HTML or plain text, ≤ 5 MB.")
    slug = forms.SlugField(
        label="Slug", required=False, help_text="Re-use a slug to add a revision."
    )
    title = forms.CharField(label="Title", required=False, max_length=300)
