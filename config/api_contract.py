"""The answers every /api/v1 operation may give besides its own, documented in one place.

django-ninja answers a malformed request (a path id that is not a number, a missing body, a
value outside its range) with 422 before the view runs, an unauthenticated one with 401, and a
CSRF failure with 403, but documents none of them unless each operation lists them. Clients
generated from the OpenAPI document, and Schemathesis (tests/security), rely on the document
being complete, so this adds them to every operation, and gives validation errors the same
shape as every other error: `{"detail": "<what to fix>", "errors": [...]}`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

ERROR_SCHEMA = "ApiError"
ERROR_COMPONENT = {
    "title": ERROR_SCHEMA,
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What happened and what to do"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["detail"],
}
STANDARD = {
    "400": "The body is not JSON",
    "401": "Log in, or send a valid personal token",
    "403": "Refused: the page's security token is missing or stale",
    "404": "No such object, or not yours",
    "422": "The request is malformed; `detail` says which part",
}


def _where(location: Any) -> str:
    parts = [str(part) for part in location or () if part not in ("body", "payload")]
    return ".".join(parts) or "body"


def describe_validation_errors(errors: list[dict]) -> str:
    shown = "; ".join(f"{_where(e.get('loc'))}: {e.get('msg', 'invalid')}" for e in errors[:5])
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return f"The request is not valid — {shown}{more}. Fix it and send it again."


class ReadmarkAPI(NinjaAPI):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._validation_error)
        self.add_exception_handler(OverflowError, self._id_out_of_range)

    def _id_out_of_range(self, request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # SQLite cannot even compare an integer past 64 bits (an id like 10**20 in a path):
        # no such object can exist, so answer as for any missing one. Other overflows are bugs.
        if "SQLite INTEGER" not in str(exc):
            raise exc
        return self.create_response(request, {"detail": "Not Found"}, status=404)

    def _validation_error(self, request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {key: value for key, value in error.items() if key in ("loc", "msg", "type")}
            for error in exc.errors
        ]
        body = {"detail": describe_validation_errors(errors), "errors": errors}
        return self.create_response(request, body, status=422)

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(ERROR_SCHEMA, ERROR_COMPONENT)
        reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                codes = {"422"}
                if "requestBody" in operation:
                    codes.add("400")
                if operation.get("security"):
                    codes |= {"401", "403"}
                if "{" in path:
                    codes.add("404")
                responses = operation["responses"]
                for code in sorted(codes):
                    responses.setdefault(
                        code,
                        {
                            "description": STANDARD[code],
                            "content": {"application/json": {"schema": reference}},
                        },
                    )
        return schema
