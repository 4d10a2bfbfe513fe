"""The one NinjaAPI. Each app adds its router here; the OpenAPI document is /api/v1/openapi.json."""

from config.api_contract import ReadmarkAPI

api = ReadmarkAPI(
    title="Readmark API",
    version="1",
    urls_namespace="api",
    docs_url=None,  # the Swagger page loads assets from a CDN; the JSON document suffices
)

from reader.api import router as articles_router  # noqa: E402

api.add_router("", articles_router)

from reader.progress.api import router as reading_progress_router  # noqa: E402

api.add_router("", reading_progress_router)

from annotations.api import router as annotations_router  # noqa: E402

api.add_router("", annotations_router)

from study.api import router as flashcards_router  # noqa: E402

api.add_router("", flashcards_router)

from study.review.api import router as review_router  # noqa: E402

api.add_router("", review_router)
