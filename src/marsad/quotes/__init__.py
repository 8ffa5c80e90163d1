"""Quotes: attributed speech (speaker, verb, words, outlet) with offsets."""
