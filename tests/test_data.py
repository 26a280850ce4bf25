"""The shipped Auto MPG file is the one its datasheet describes."""

from __future__ import annotations

import re
import shutil

import pytest

from coursekit import paths
from lessonkit import data


def test_checksum_matches_datasheet_and_loader():
    datasheet = (paths.DATA_DIR / "README.md").read_text()
    stated = re.search(r"sha256[^0-9a-f]*([0-9a-f]{64})", datasheet).group(1)
    assert data.sha256_of(data.AUTO_MPG_CSV) == stated == data.AUTO_MPG_SHA256


def test_row_counts_and_missing_values_are_as_documented():
    raw = data.load_auto_mpg(dropna=False)
    assert len(raw) == 406
    assert raw["mpg"].isna().sum() == 8 and raw["horsepower"].isna().sum() == 6
    clean = data.load_auto_mpg()
    assert len(clean) == 392 and not clean.isna().any().any()
    assert list(clean["origin"].cat.categories) == data.ORIGINS


def test_auto_mpg_xy_returns_inputs_and_target():
    X, y = data.auto_mpg_xy()
    assert list(X.columns) == data.AUTO_MPG_NUMERIC + data.AUTO_MPG_CATEGORICAL
    assert y.name == "mpg" and len(X) == len(y) == 392


def test_loader_refuses_a_changed_file(tmp_path, monkeypatch):
    copy = tmp_path / "auto_mpg.csv"
    shutil.copyfile(data.AUTO_MPG_CSV, copy)
    copy.write_text(copy.read_text().replace("chevrolet chevelle malibu,18", "chevrolet chevelle malibu,81", 1))
    monkeypatch.setattr(data, "AUTO_MPG_CSV", copy)
    with pytest.raises(RuntimeError, match="sha256"):
        data.load_auto_mpg()
