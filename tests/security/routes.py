"""Every route of the site and every operation of the API, found by walking the URL resolver
and the OpenAPI document, so that a new endpoint is covered by the security suite without
anyone remembering to add it. A route with a parameter this module cannot fill fails loudly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# Django's admin has its own tests upstream; staff-only and outside the public contract.
SKIP_PREFIXES = ("admin/",)
API_PREFIX = "api/v1/"


@dataclass(frozen=True)
class Operation:
    method: str
    template: str  # /api/v1/annotations/{annotation_id}
    operation_id: str
    has_body: bool
    body_schema: dict | None = None

    def path(self, values: dict[str, object]) -> str:
        return fill(self.template, values, style="openapi")

    def __str__(self) -> str:
        return f"{self.method} {self.template}"


def fill(template: str, values: dict[str, object], *, style: str) -> str:
    pattern = r"\{(\w+)\}" if style == "openapi" else r"<(?:\w+:)?(\w+)>"

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise LookupError(
                f"{template}: no value for parameter {name!r}; add one to the security suite's "
                "fixtures (tests/security) so the new endpoint is covered."
            )
        return str(values[name])

    return re.sub(pattern, value, template)


def site_routes() -> list[str]:
    """Django route templates outside the API, e.g. 'articles/<slug:slug>/'."""

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    routes = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES) or route.startswith(API_PREFIX):
            continue
        routes.append(route)
    return sorted(set(routes))


def site_path(route: str, values: dict[str, object]) -> str:
    return "/" + fill(route, values, style="django")


def openapi_document() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def api_operations() -> list[Operation]:
    operations = []
    for template, verbs in openapi_document()["paths"].items():
        for method, spec in verbs.items():
            operations.append(
                Operation(
                    method=method.upper(),
                    template=template,
                    operation_id=spec.get("operationId", ""),
                    has_body="requestBody" in spec,
                    body_schema=_body_schema(spec),
                )
            )
    return operations


def _body_schema(spec: dict) -> dict | None:
    content = spec.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def example_body(operation: Operation) -> object:
    """A minimal body that passes the schema's validation (required fields, in range), so that
    what the endpoint answers is about who asks, not about a malformed request."""
    if operation.body_schema is None:
        return None
    components = openapi_document().get("components", {}).get("schemas", {})
    return _example(operation.body_schema, components)


def _example(schema: dict, components: dict) -> object:
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return _example(schema[key][0], components)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {name: _example(properties[name], components) for name in schema.get("required", [])}
    if kind == "array":
        return [_example(schema.get("items", {}), components)] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return "x" * max(1, schema.get("minLength", 1))
