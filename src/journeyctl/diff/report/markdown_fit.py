"""A pull-request comment that fits GitHub's size limit by construction.

The comment is made of blocks (a heading and its table, a collapsed ``<details>``...), each
marked expendable or not. While the whole is too long, expendable blocks are left out from the
end; when even the blocks that remain are too long, the comment is cut after the last block (or
the last whole line of a block) that fits. A closing note says what was left out and how to
see everything, and room for it is kept, so the result is never longer than the limit. Every
user text in a block is already cut to a sane length (`markdown_escape`).
"""

from __future__ import annotations

from collections.abc import Sequence

from journeyctl.diff.report.wording import listing, plural

Block = tuple[str, bool]
"""A block of the comment, and whether it may be left out to save room."""

NOTE_ROOM = 400
"""Characters kept for the closing note."""


def fit(blocks: Sequence[Block], limit: int) -> str:
    """The blocks joined by newlines, ending with one, in at most `limit` characters."""
    budget = limit - NOTE_ROOM
    kept, collapsed = _without_expendable(blocks, budget)
    kept, cut, partial = _truncated(kept, budget)
    if collapsed or cut:
        kept.append(_note(collapsed, cut, partial))
    return "\n".join(kept).rstrip("\n") + "\n"


def _without_expendable(blocks: Sequence[Block], budget: int) -> tuple[list[str], int]:
    """The blocks left after leaving out expendable ones from the end while the whole is over
    `budget`, and how many were left out."""
    kept = [True] * len(blocks)
    size = sum(len(block) + 1 for block, _ in blocks)
    for index in range(len(blocks) - 1, -1, -1):
        if size <= budget:
            break
        block, expendable = blocks[index]
        if expendable:
            kept[index] = False
            size -= len(block) + 1
    out = [block for (block, _), keep in zip(blocks, kept, strict=True) if keep]
    return out, len(blocks) - len(out)


def _truncated(blocks: list[str], budget: int) -> tuple[list[str], int, bool]:
    """The blocks up to the first that does not fit in `budget` (and as many whole lines of
    that one as fit), how many blocks were cut, and whether the first of them in part."""
    size = 0
    for index, block in enumerate(blocks):
        if size + len(block) + 1 <= budget:
            size += len(block) + 1
            continue
        lines: list[str] = []
        for line in block.split("\n"):
            if size + len(line) + 1 > budget:
                break
            lines.append(line)
            size += len(line) + 1
        head = blocks[:index] + (["\n".join(lines)] if lines else [])
        return head, len(blocks) - index, bool(lines)
    return blocks, 0, False


def _note(collapsed: int, cut: int, partial: bool) -> str:
    """What was left out, and how to see everything."""
    parts = []
    if cut:
        parts.append(plural(cut, "section") + (" (the first of them in part)" if partial else ""))
    if collapsed:
        parts.append(plural(collapsed, "collapsed section"))
    return (
        f"\n*{listing(parts)} left out to stay within GitHub's comment size; run "
        "`journeyctl diff ... --format text` (with the same arguments) to see everything.*\n"
    )
