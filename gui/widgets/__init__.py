"""Widgets that several tabs use: error dialog, image canvas, image conversion, scrolling pages."""
