from django.utils.translation import get_language


class Bilingual:
    """Models that store a text in `<name>_fr` and `<name>_en` read it in the active language."""

    def local(self, name: str) -> str:
        language = (get_language() or "fr")[:2]
        value = getattr(self, f"{name}_{language}", "") or ""
        # An untranslated text falls back to the other language rather than showing nothing.
        return value or getattr(self, f"{name}_fr", "") or getattr(self, f"{name}_en", "")
