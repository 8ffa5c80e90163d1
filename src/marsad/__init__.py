"""Marsad (مرصد): Arabic news to structured, evidence-linked event data, offline."""
from .pipeline import Pipeline, analyze, pipe

__version__ = "0.1.0"
__all__ = ["Pipeline", "analyze", "pipe", "__version__"]
