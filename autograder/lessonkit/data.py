"""Data sets that ship with the course (no downloads at run time).

Auto MPG lives in ``data/auto_mpg.csv`` (see ``data/README.md`` for its datasheet). The
loader checks the file's sha256 so a changed or truncated copy fails loudly.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ._paths import DATA_DIR

AUTO_MPG_CSV = DATA_DIR / "auto_mpg.csv"
AUTO_MPG_SHA256 = "74b9729dd2acb6b45bfdcb841ad7e90236f1e4b024a4bba2118017107028e63c"

#: Numeric input columns of Auto MPG, in the order the lessons use them.
AUTO_MPG_NUMERIC = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year"]
#: ``origin`` is a category (USA, Europe, Japan), never a number.
AUTO_MPG_CATEGORICAL = ["origin"]
AUTO_MPG_TARGET = "mpg"
ORIGINS = ["USA", "Europe", "Japan"]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_auto_mpg(dropna: bool = True) -> pd.DataFrame:
    """The Auto MPG table: one row per car, columns as in ``data/README.md``.

    ``dropna=True`` (the default) drops the 14 rows with a missing ``mpg`` (8) or
    ``horsepower`` (6), leaving 392 cars; ``dropna=False`` returns all 406 rows.
    ``origin`` is returned as an ordered-free pandas Categorical with levels USA, Europe, Japan.
    """
    digest = sha256_of(AUTO_MPG_CSV)
    if digest != AUTO_MPG_SHA256:
        raise RuntimeError(f"{AUTO_MPG_CSV} has sha256 {digest}, expected {AUTO_MPG_SHA256}: "
                           "the shipped data file was changed; restore it with git.")
    df = pd.read_csv(AUTO_MPG_CSV)
    df["origin"] = pd.Categorical(df["origin"], categories=ORIGINS)
    if dropna:
        df = df.dropna(subset=[AUTO_MPG_TARGET, "horsepower"]).reset_index(drop=True)
    return df


def auto_mpg_xy():
    """``(X, y)``: the numeric and categorical input columns, and ``mpg`` (392 complete rows)."""
    df = load_auto_mpg()
    return df[AUTO_MPG_NUMERIC + AUTO_MPG_CATEGORICAL], df[AUTO_MPG_TARGET]
