import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_the_english_catalogue_is_complete_and_compiled():
    po = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert not re.search(r'\nmsgstr ""\n\n', po.split("\n\n", 1)[1] + "\n"), "untranslated messages in django.po"
    catalogue = gettext.GNUTranslations(open(LOCALE / "en" / "LC_MESSAGES" / "django.mo", "rb"))
    assert catalogue.gettext("工作要点") == "Work plan"
    for msgid in re.findall(r'\nmsgid "(.+?)"\n', po):
        assert catalogue.gettext(msgid) != msgid, f"django.mo is older than django.po: {msgid}"
