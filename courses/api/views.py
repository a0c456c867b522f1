"""The API's documentation page, drawn on the server from the OpenAPI document itself, so
the page and the schema cannot disagree (no JavaScript, no CDN)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override

from courses.api.api import api
from courses.api.models import ApiToken
from lms.urls_absolute import absolute_url

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_type(schema: dict, components: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_type(s, components) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list of {_schema_type(schema.get('items', {}), components)}"
    return schema.get("format", kind) if kind == "string" else kind


def _fields(name: str, components: dict) -> list[dict]:
    schema = components.get(name, {})
    required = set(schema.get("required", []))
    return [
        {
            "name": field,
            "type": _schema_type(spec, components),
            "required": field in required,
            "description": spec.get("description", ""),
        }
        for field, spec in schema.get("properties", {}).items()
    ]


def operations(schema: dict) -> list[dict]:
    """Every operation of ``schema``, with what the page shows of it."""
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for url, methods in schema.get("paths", {}).items():
        for method in METHODS:
            operation = methods.get(method)
            if operation is None:
                continue
            description = operation.get("description", "")
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            body_name = _schema_type(body["schema"], components) if body else ""
            found.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "description": description,
                    "scope": "enrol" if "Scope: enrol" in description else "read",
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_type(p.get("schema", {}), components),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": body_name,
                    "body_fields": _fields(body_name, components) if body_name else [],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return found


def documentation(request: HttpRequest) -> HttpResponse:
    """``/api/v1/docs``: endpoints, parameters, scopes, errors and curl examples."""
    with override("en"):
        schema = api.get_openapi_schema(path_prefix=reverse("api-v1:api-root"))
    base = absolute_url("/api/v1").rstrip("/")
    context = {
        "schema": schema,
        "operations": operations(schema),
        "base": base,
        "openapi_url": absolute_url(reverse("api-v1:openapi-json")),
        "scopes": ApiToken.Scope.choices,
    }
    return render(request, "courses/api/documentation.html", context)
