"""The application shell: main window, status bar, self-test and the app-wide dialogs (about, help, preferences)."""
