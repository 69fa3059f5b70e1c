"""Adding and removing one entry of a list in ruamel.yaml's round-trip data, keeping the file's blank lines and
comments where they were.

ruamel keeps what follows a list entry (the blank line before the next section, a comment about the next key,
the blank line between quiz questions) on that entry's last value. Appending after it, or removing it, would
carry those lines along with the wrong entry: the new entry would stick to the next section, a removed last
entry would take the blank line with it. These two functions move them so that only the entry's own lines
change in the written file.
"""

from __future__ import annotations

import copy

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _slot(container) -> int:
    """Where a comment after a value lives in ruamel's comment lists: a mapping's third slot, a list's first."""
    return 2 if isinstance(container, CommentedMap) else 0


def _positions(sequence: CommentedSeq, index: int) -> list[tuple]:
    """(container, key) from sequence[index] down through each last value: where the lines after it can be held."""
    positions = [(sequence, index)]
    node = sequence[index]
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        positions.append((node, key))
        node = node[key]
    return positions


def _tail(sequence: CommentedSeq, index: int, take: bool):
    """The comment token after sequence[index] (None without one); with `take`, it is removed from there."""
    for container, key in reversed(_positions(sequence, index)):
        entry = container.ca.items.get(key)
        slot = _slot(container)
        if entry and len(entry) > slot and entry[slot] is not None:
            token = entry[slot]
            if take:
                entry[slot] = None
                if not any(entry):
                    del container.ca.items[key]
            return token
    return None


def _give(sequence: CommentedSeq, index: int, token) -> None:
    if token is None:
        return
    container, key = _positions(sequence, index)[-1]
    size = 4 if isinstance(container, CommentedMap) else 2
    entry = container.ca.items.setdefault(key, [None] * size)
    entry[_slot(container)] = token


def append(sequence: CommentedSeq, item) -> None:
    """Adds `item` at the end: the lines that followed the old last entry now follow the new one, and the old
    last entry is followed by what separates the entries before it (a quiz file's blank line)."""
    if not sequence:
        sequence.append(item)
        return
    last = len(sequence) - 1
    after = _tail(sequence, last, take=True)
    between = _tail(sequence, last - 1, take=False) if last else None
    _give(sequence, last, copy.deepcopy(between))
    sequence.append(item)
    _give(sequence, last + 1, after)


def remove(sequence: CommentedSeq, index: int) -> None:
    """Removes sequence[index]; removing the last entry leaves what followed it after the new last one."""
    last = len(sequence) - 1
    if index == last and index > 0:
        after = _tail(sequence, index, take=True)
        del sequence[index]
        _tail(sequence, index - 1, take=True)  # the separator before the removed entry: nothing follows it now
        _give(sequence, index - 1, after)
        return
    del sequence[index]
