"""Which language the window speaks: the one chosen in Preferences (or with ``--lang``), else
the system's — Vietnamese under a ``vi_*`` locale, English otherwise."""

from __future__ import annotations

from typing import Optional

# Each language by its own name, as a language menu lists them.
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
LOCALES = {"en": "en_US", "vi": "vi_VN"}  # how numbers are written in each
AUTO = "auto"


def system_language(locale_name: Optional[str] = None) -> str:
    """"vi" for a Vietnamese system locale (``vi_VN``, ``vi``), otherwise "en"."""
    if locale_name is None:
        from PySide6.QtCore import QLocale

        system = QLocale.system()
        names = [system.name(), *system.uiLanguages()]
    else:
        names = [locale_name]
    for name in names:
        base = name.replace("-", "_").split("_")[0].lower()
        if base in LANGUAGES:
            return base
    return "en"


def chosen(preference: str = AUTO, locale_name: Optional[str] = None) -> str:
    """The language to use: the preference when it names one, else the system's."""
    return preference if preference in LANGUAGES else system_language(locale_name)
