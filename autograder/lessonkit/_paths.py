"""Where the course data lives: ``$L1L2_DATA_DIR`` (set in the grading sandbox) or ``data/``."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(os.environ.get("L1L2_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
