from django.dispatch import Signal

# Sent inside the import transaction when an article gets a new revision, with the keyword
# arguments article, previous (a Revision or None) and revision. Receivers re-anchor what points
# into the old text (annotations, card evidence); if one fails, the whole import rolls back.
revision_published = Signal()
