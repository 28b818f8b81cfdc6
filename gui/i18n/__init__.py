"""The window's languages: Qt translators installed before the first window, the .qm files
compiled from resources/i18n/*.ts on demand, numbers written the way the language does, and
the engine's coded messages said in the window's language."""
