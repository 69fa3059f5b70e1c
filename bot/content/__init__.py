"""Trainer-editable content (content/): loading with line numbers, checking, rendering, hot reload."""
