from django.utils.translation import get_language

from config.typography import french


class Bilingual:
    """Models that store a text in `<name>_fr` and `<name>_en` read it in the active language."""

    def local(self, name: str) -> str:
        language = (get_language() or "fr")[:2]
        value = getattr(self, f"{name}_{language}", "") or ""
        if not value:
            # An untranslated text falls back to the other language rather than showing nothing.
            language = "fr" if getattr(self, f"{name}_fr", "") else "en"
            value = getattr(self, f"{name}_{language}", "") or ""
        # French texts get their no-break spaces ("Pourquoi ?") however they were typed.
        return french(value) if language == "fr" else value
