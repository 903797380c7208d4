"""communique: news articles in, evidence-linked records of international relations out."""

from __future__ import annotations

__version__ = "0.1.0"
