"""Put a submitted notebook back into the lesson's shape before nbgrader grades it.

Students can edit anything in a notebook file: delete, duplicate, retype or unlock test cells,
change their points or grade_ids. nbgrader's own sanitising (``DeduplicateIds``,
``OverwriteCells``) repairs some of this, and crashes on the rest (a cell whose grade_id it
removed, a test cell whose ``grade`` flag was turned off). :class:`RestoreLessonCells` runs
first and makes every such edit irrelevant:

* every **locked** cell of the release (test cells, read-only cells) appears exactly once, in
  the release's order relative to the cells around it, with the release's type, source and
  metadata: an edited copy is replaced, a deleted one is re-inserted after the nearest earlier
  lesson cell, a duplicate is removed;
* every **answer** cell keeps the student's source with the release's metadata; a duplicate
  becomes an ordinary cell;
* nbgrader metadata naming no cell of the lesson is dropped (the cell stays, ungraded);
* the course's internal metadata keys (``l1l2_*``: the flags cell's mark, the repair notes, the
  runner's notes) are dropped from every cell the release does not have and from the notebook's
  metadata: nothing in a submission's metadata changes how the course treats it.

The student's own extra cells are kept. What was repaired is listed in the notebook metadata
(``l1l2_restored``) and reported as grader flags; it never changes a score by itself.
"""

from __future__ import annotations

import copy
import os
import uuid

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

RESTORED_METADATA = "l1l2_restored"


def _gid(cell):
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _internal(key) -> bool:
    """A metadata key the course itself writes (``l1l2_flags``, ``l1l2_restored``, ...)."""
    return isinstance(key, str) and key.lower().replace("-", "_").startswith("l1l2")


def restore_cells(nb, release) -> list[str]:
    """Rewrite ``nb.cells`` in place to the release's structure; return what was repaired."""
    notes: list[str] = []
    release_cells = {_gid(c): c for c in release.cells if _gid(c)}
    order = [_gid(c) for c in release.cells if _gid(c)]
    locked = {g for g, c in release_cells.items() if c.metadata["nbgrader"].get("locked")}
    seen: set[str] = set()
    out = []
    for cell in nb.cells:
        gid = _gid(cell)
        if "nbgrader" in cell.get("metadata", {}) and gid not in release_cells:
            del cell.metadata["nbgrader"]
            notes.append(f"a cell carried nbgrader metadata for {gid!r}, which is not a cell of this lesson; "
                         "it was kept as an ordinary (ungraded) cell")
        elif gid in seen:
            if gid in locked:
                notes.append(f"a duplicate of the locked cell {gid!r} was removed")
                continue
            del cell.metadata["nbgrader"]
            notes.append(f"a duplicate of the answer cell {gid!r} was kept as an ordinary cell")
        elif gid is not None:
            seen.add(gid)
            original = release_cells[gid]
            if gid in locked:
                if (cell.cell_type != original.cell_type or cell.get("source") != original.source
                        or cell.metadata.get("nbgrader") != original.metadata["nbgrader"]):
                    notes.append(f"the locked cell {gid!r} had been changed; it was restored")
                cell = copy.deepcopy(original)
            else:
                if cell.cell_type != original.cell_type or cell.metadata.get("nbgrader") != original.metadata["nbgrader"]:
                    notes.append(f"the answer cell {gid!r} had its type or metadata changed; they were restored")
                    source = cell.get("source", "")
                    cell = copy.deepcopy(original)
                    cell.source = source
        out.append(cell)
    for index, gid in enumerate(order):
        if gid in seen:
            continue
        seen.add(gid)
        position = 0
        for earlier in reversed(order[:index]):
            at = next((i for i, c in enumerate(out) if _gid(c) == earlier), None)
            if at is not None:
                position = at + 1
                break
        out.insert(position, copy.deepcopy(release_cells[gid]))
        notes.append(f"the cell {gid!r} was missing; it was put back")
    release_copies = {id(c) for c in out if any(c == r for r in release_cells.values())}
    for cell in out:
        if id(cell) in release_copies:
            continue
        internal = [k for k in cell.get("metadata", {}) if _internal(k)]
        for key in internal:
            del cell.metadata[key]
        if internal:
            notes.append(f"a cell carried the course's internal metadata {', '.join(map(repr, internal))}; "
                         "it was removed (it changes nothing)")
    internal = [k for k in nb.metadata if _internal(k)]
    for key in internal:
        del nb.metadata[key]
    if internal:
        notes.append(f"the notebook carried the course's internal metadata {', '.join(map(repr, internal))}; "
                     "it was removed (it changes nothing)")
    ids: set = set()
    for cell in out:
        if "id" in cell:
            if cell["id"] in ids:
                cell["id"] = uuid.uuid4().hex[:8]
            ids.add(cell["id"])
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    nb.cells = out
    if notes:
        nb.metadata[RESTORED_METADATA] = notes
    else:
        nb.metadata.pop(RESTORED_METADATA, None)
    return notes


class RestoreLessonCells(NbGraderPreprocessor):
    """First sanitising step of autograde: see the module docstring."""

    course_root = Unicode("", help="The course root (its release/ holds the lesson's cells).").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        path = os.path.join(self.course_root, "release", info["assignment"], f"{info['notebook']}.ipynb")
        release = nbformat.read(path, as_version=4)
        notes = restore_cells(nb, release)
        for note in notes:
            self.log.warning("Restored: %s", note)
        return nb, resources
