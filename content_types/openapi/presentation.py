"""The OpenAPI document as the docs page shows it: operations, parameters, fields in words."""

from django.utils.html import format_html, format_html_join, mark_safe

REF_PREFIX = "#/components/schemas/"


def documentation_context(document):
    """What the docs template needs, all taken from ``document``."""
    schemas = document["components"]["schemas"]
    page_types = [name for name, schema in schemas.items() if is_page_type(schema)]
    return {
        "info": document["info"],
        "operations": operations(document),
        "page_types": [component(name, schemas[name]) for name in page_types],
        "objects": [
            component(name, schema) for name, schema in schemas.items() if name not in page_types
        ],
    }


def is_page_type(schema):
    return bool(schema.get("x-page-type"))


def operations(document):
    result = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if set(operation.get("responses", {})) == {"405"}:
                continue  # a write the read-only API refuses; the introduction says so
            result.append(
                {
                    "anchor": operation.get("operationId", path),
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or [""])[0],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": type_text(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                            "types": parameter.get("x-types", []),
                            "examples": list(parameter.get("examples", {})),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {
                            "status": status,
                            "description": response.get("description", ""),
                            "content": [
                                {
                                    "media_type": media_type,
                                    "type": type_text(body.get("schema", {})),
                                }
                                for media_type, body in response.get("content", {}).items()
                            ],
                        }
                        for status, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return result


def component(name, schema):
    properties = schema.get("properties", {})
    meta = properties.get("meta", {}).get("properties", {}) if schema.get("x-model") else {}
    return {
        "name": name,
        "title": schema.get("title", ""),
        "description": schema.get("description", ""),
        "model": schema.get("x-model", ""),
        "type": type_text({key: value for key, value in schema.items() if key != "description"}),
        "fields": [
            field(key, value) for key, value in properties.items() if not (meta and key == "meta")
        ],
        "meta_fields": [field(key, value) for key, value in meta.items()],
    }


def field(name, schema):
    return {"name": name, "type": type_text(schema), "description": schema.get("description", "")}


def type_text(schema):
    """A schema's type in a few words, HTML with links to the named schemas."""
    if not schema:
        return mark_safe("any")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF_PREFIX)
        return format_html('<a href="#{}">{}</a>', name, name)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return join_or([type_text(option) for option in schema[key]])
    if "const" in schema:
        return format_html("<code>{}</code>", schema["const"])
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    nullable = "null" in kinds
    kinds = [kind for kind in kinds if kind != "null"]
    if "enum" in schema:
        values = [value for value in schema["enum"] if value is not None]
        text = format_html(
            "one of {}",
            format_html_join(
                ", ", "<code>{}</code>", ((value if value != "" else '""',) for value in values)
            ),
        )
    elif kinds == ["array"]:
        text = format_html("array of {}", type_text(schema.get("items", {})))
    elif kinds == ["object"] and "properties" in schema:
        text = format_html(
            "object with {}",
            format_html_join(", ", "<code>{}</code>", ((key,) for key in schema["properties"])),
        )
    elif not kinds:
        return mark_safe("null" if nullable else "any")
    else:
        text = format_html("{}", " or ".join(kinds))
        if schema.get("format"):
            text = format_html("{} ({})", text, schema["format"])
    return join_or([text, mark_safe("null")]) if nullable else text


def join_or(parts):
    return format_html_join(" or ", "{}", ((part,) for part in parts))
