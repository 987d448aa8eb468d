"""Password rules beyond Django's: a government system wants letters and digits in every password."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least one letter and one digit (symbols are welcome and count as neither)."""

    def validate(self, password, user=None):
        if not any(ch.isalpha() for ch in password) or not any(ch.isdigit() for ch in password):
            raise ValidationError(_("密码必须同时包含字母和数字。"), code="password_character_classes")

    def get_help_text(self):
        return _("密码必须同时包含字母和数字。")
