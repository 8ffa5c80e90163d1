"""Keyword tags: editor-style keyphrases ranked from entities and phrase statistics."""
