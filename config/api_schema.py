"""The error answers every API operation can give, added to the OpenAPI schema (drf-spectacular documents only
the success), so a client — and the schemathesis fuzzing in tests/security — knows their status and shape."""

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    # `detail` (a message or a list of them), `code` where a program may test it, or the rejected fields each
    # with its messages — a field may be named `code` too, so no property is typed.
    "description": "An error: `detail` (a message or messages), `code` where a program may test it, or the "
    "rejected fields each with its messages.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "请求有误（字段校验失败）/ Invalid request",
    "401": "未认证 / Not authenticated",
    "403": "无权限 / Permission denied",
    "404": "不存在或不可见 / Not found or not visible",
    "429": "请求过于频繁 / Throttled",
}
METHODS = {"get", "put", "post", "patch", "delete"}
# A list's `?format=geojson` form (the risk points): one FeatureCollection, not the paged JSON list.
GEOJSON = "application/geo+json"
FEATURE_COLLECTION = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "features"],
}


def document_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            error_types = ["application/json"]
            for response in responses.values():
                if GEOJSON in response.get("content", {}):
                    response["content"][GEOJSON] = {"schema": FEATURE_COLLECTION}
                    error_types.append(GEOJSON)  # an error of ?format=geojson comes in that type too
            content = {media_type: {"schema": reference} for media_type in error_types}
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": content})
    return result
