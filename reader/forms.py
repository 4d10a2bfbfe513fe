from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Article file",
        help_text="Markdown, HTML, plain text, EPUB, PDF or Word (.docx), ≤ 5 MB.",
    )
    slug = forms.SlugField(
        label="Slug", required=False, help_text="Re-use a slug to add a revision."
    )
    title = forms.CharField(label="Title", required=False, max_length=300)


class AddArticleForm(forms.Form):
    """A reader's own article, from exactly one source (checked in clean())."""

    url = forms.CharField(
        label="Web address",
        required=False,
        max_length=2000,
        help_text="An article on the web (https://…): its main text is kept.",
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    text = forms.CharField(
        label="Paste text",
        required=False,
        help_text="Plain text or Markdown; ## headings make sections.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text="Markdown, plain text, HTML, EPUB, PDF with a text layer or Word (.docx).",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".md,.markdown,.txt,.html,.htm,.xhtml,.epub,.pdf,.docx"}
        ),
    )
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=300,
        help_text="Optional: the source's own title is used otherwise.",
    )

    def __init__(self, *args, staff: bool = False, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")  # the labels read exactly "Web address", "File"…
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["public"] = forms.BooleanField(
                label="Share with every reader (the shared library)", required=False
            )

    def clean(self):
        data = super().clean()
        given = [name for name in ("url", "text") if (data.get(name) or "").strip()]
        if data.get("file") is not None:
            given.append("file")
        if not given:
            raise forms.ValidationError(
                "Nothing to add: give a web address, paste text or choose a file."
            )
        if len(given) > 1:
            labels = [str(self.fields[name].label) for name in given]
            raise forms.ValidationError(
                f"Give exactly one source; you gave {' and '.join(labels)}. Clear the others "
                "and submit again."
            )
        return data
