"""Readers: plain text (seed layout), HTML, JSON, JSONL(.gz), feeds; encodings and bad input."""
from .reader import DEFAULT_MAX_BYTES, FORMATS, InputResult, read_inputs, read_path

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "InputResult", "read_inputs", "read_path"]
