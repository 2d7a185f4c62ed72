"""Exosome patient-education chatbot: extractive, sourced answers from a vetted corpus."""

__version__ = "0.1.0"
