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

import pydantic
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

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


# Models of bodies that operations parse themselves (parse_json_body), for the document.
_SELF_PARSED: set[type[pydantic.BaseModel]] = set()


def json_body(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for an operation that parses its body with parse_json_body: the body
    is documented as ninja documents a ``payload: model`` parameter."""
    _SELF_PARSED.add(model)
    reference = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {"requestBody": {"content": {"application/json": {"schema": reference}},
                            "required": True}}  # fmt: skip


def parse_json_body(request: HttpRequest, model: type[pydantic.BaseModel]) -> Any:
    """The body as ``model``, with the answers ninja gives a ``payload: model`` parameter:
    400 when it is not JSON, 422 with each problem located under ``body.payload``.

    Why by hand, on the annotation POST only: ninja decodes the JSON, wraps it in a model of
    its own and copies it out again, a tenth of the request (bench/load); pydantic's
    ``model_validate_json`` does the same work in one step.
    """
    body = request.body
    if not body:
        raise ValidationError(
            [{"type": "missing", "loc": ("body", "payload"), "msg": "Field required"}]
        )
    try:
        return model.model_validate_json(body)
    except pydantic.ValidationError as error:
        errors = error.errors(include_url=False)
        if any(problem["type"] == "json_invalid" for problem in errors):
            raise HttpError(400, "Cannot parse request body") from None
        raise ValidationError(
            [{**problem, "loc": ("body", "payload", *problem["loc"])} for problem in errors]
        ) from None


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
        for model in _SELF_PARSED:
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, nested in body.pop("$defs", {}).items():
                components.setdefault(name, nested)
            components.setdefault(model.__name__, body)
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
