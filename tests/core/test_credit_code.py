import pytest
from django.core.exceptions import ValidationError

from core.validators import validate_credit_code
from demo.loader import demo_credit_code


@pytest.mark.parametrize("code", ["91110000802100433B", "914403001922038216", "91110000802100433b "])
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("9111000080210043", "应为18位，当前为16位"),
        ("91110000802100433O", "不允许的字符：O"),
        ("91AB0000802100433B", "第3至8位应为登记管理机关行政区划码"),
        ("91110000802100433C", "第18位应为B，实际为C"),
    ],
)
def test_a_bad_credit_code_is_refused_with_its_reason(code, reason):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert reason in error.value.messages[0]


def test_demo_codes_are_valid():
    for serial in range(1, 200):
        validate_credit_code(demo_credit_code(serial))
