"""The error answers every API operation can give, added to the OpenAPI schema (drf-spectacular documents only
the success), so a client — and the schemathesis fuzzing in tests/security — knows their status and shape."""

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` (a message), `code` where a program may test it, or the rejected fields "
    "each with its messages.",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
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


def document_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
