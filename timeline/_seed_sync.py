"""Updating a seed file's round-trip tree in place: only changed values are rewritten; comments, blank lines
and key order of everything else stay as they were.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ._models import Event
from ._seeds import SeedFile
from ._seed_yaml import document_form, DOCUMENT_KEYS, event_form, EVENT_KEYS, mapping_node, value_node, SOURCE_KEYS


def _set_key(m: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``m[key]``; a new key goes where the canonical order puts it among the keys present."""
    if key in m:
        m[key] = value
        return
    pos = 0
    for i, k in enumerate(m):
        if k in order and order.index(k) < order.index(key):
            pos = i + 1
    m.insert(pos, key, value)


def _sync_mapping(m: CommentedMap, old: dict, new: dict, keys: tuple[str, ...], kind: str) -> bool:
    """Change only the keys of ``m`` whose canonical value differs; True when something changed."""
    changed = False
    for k in keys:
        if old.get(k) == new.get(k):
            continue  # same value (an omitted default and a written one count as equal)
        if k not in new:
            if k in m:
                del m[k]
                changed = True
            continue
        if kind == "event" and k == "sources" and isinstance(m.get(k), CommentedSeq) and k in old:
            changed |= _sync_sources(m[k], old[k], new[k])
            continue
        _set_key(m, k, value_node(k, new[k], parent=kind), keys)
        changed = True
    return changed


def _sync_sources(seq: CommentedSeq, old: list[dict], new: list[dict]) -> bool:
    if len(seq) != len(old):  # cannot pair items safely: replace the list
        seq[:] = [mapping_node(s, SOURCE_KEYS, "source") for s in new]
        return True
    changed = False
    for i, s in enumerate(new):
        if i < len(seq) and isinstance(seq[i], CommentedMap):
            changed |= _sync_mapping(seq[i], old[i], s, SOURCE_KEYS, "source")
        else:
            seq.append(mapping_node(s, SOURCE_KEYS, "source"))
            changed = True
    while len(seq) > len(new):
        del seq[len(new)]
        changed = True
    return changed


def _insert_position(seq: CommentedSeq, current: list[Event], ev: Event) -> int:
    key = ev.when.sort_key
    for i, other in enumerate(current):
        if other.when.sort_key > key:
            return i
    return len(seq)


def _trailing(node: Any):
    """Where ruamel keeps what follows the last line of an item: the comment token of its deepest
    last value (its end-of-line comment, then blank and comment lines), and the end comments of
    the collections on the way down to it (innermost first)."""
    holders: list[Any] = []
    while True:
        if isinstance(node, (CommentedMap, CommentedSeq)) and len(node) and not node.fa.flow_style():
            holders.append(node)
        if isinstance(node, CommentedMap) and len(node):
            key = list(node)[-1]
            val = node[key]
            if isinstance(val, (CommentedMap, CommentedSeq)) and len(val) and not val.fa.flow_style():
                node = val
                continue
            entry = node.ca.items.get(key)
            return (entry[2] if entry and len(entry) > 2 else None), holders[::-1]
        if isinstance(node, CommentedSeq) and len(node):
            idx = len(node) - 1
            val = node[idx]
            if isinstance(val, (CommentedMap, CommentedSeq)) and len(val) and not val.fa.flow_style():
                node = val
                continue
            entry = node.ca.items.get(idx)
            return (entry[0] if entry else None), holders[::-1]
        return None, holders[::-1]


def _trailing_token(node: Any):
    return _trailing(node)[0]


def _take_following_lines(item: Any) -> str:
    """Cut the blank and comment lines that follow an item out of it (its end-of-line comment stays)."""
    token, holders = _trailing(item)
    rest = ""
    v = getattr(token, "value", None)
    if isinstance(v, str):
        if v.lstrip(" \t").startswith("#"):
            i = v.find("\n")
            if i >= 0:
                token.value, rest = v[: i + 1], v[i + 1:]
        elif v.startswith("\n"):
            token.value, rest = "\n", v[1:]
    for holder in holders:
        end = getattr(holder.ca, "end", None)
        if end:
            for tok in end:
                col = getattr(getattr(tok, "start_mark", None), "column", 0) or 0
                text = tok.value
                rest += (" " * col + text) if text.lstrip(" ").startswith("#") else text
            holder.ca.end = []
    return rest


def _pre_comment_lists(seq: CommentedSeq, idx: int) -> list[list]:
    """The lists holding the comment lines before item ``idx``: ruamel keeps them on the item's
    mapping or on the sequence (and the representer checks the two agree)."""
    lists: list[list] = []
    node = seq[idx]
    if isinstance(node, CommentedMap) and node.ca.comment is not None and len(node.ca.comment) > 1 and node.ca.comment[1]:
        lists.append(node.ca.comment[1])
    entry = seq.ca.items.get(idx)
    if entry is not None and len(entry) > 1 and entry[1] and not any(entry[1] is l for l in lists):
        lists.append(entry[1])
    return lists


def _pre_comment(seq: CommentedSeq, idx: int, text: str) -> None:
    """Put ``text`` (blank lines, comment lines) before item ``idx``, ahead of the lines it has."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = CommentToken(text, CommentMark(0), None)
    lists = _pre_comment_lists(seq, idx)
    if not lists:
        entry = seq.ca.items.setdefault(idx, [None, None, None, None])
        if entry[1] is None:
            entry[1] = []
        lists = [entry[1]]
    for lst in lists:
        lst.insert(0, token)


def _make_room(seq: CommentedSeq, pos: int) -> None:
    """Blank lines around a new event inserted at ``pos``; comments that stood above the next event stay above it."""
    has_after = pos + 1 < len(seq)
    if pos == 0:
        if has_after and not _pre_comment_lists(seq, 1):
            _pre_comment(seq, 1, "\n")
        return
    if not has_after:
        token = _trailing_token(seq[pos - 1])
        if token is None or "\n\n" not in "\n" + token.value.split("\n", 1)[-1]:
            _pre_comment(seq, pos, "\n")
        return
    rest = _take_following_lines(seq[pos - 1])
    _pre_comment(seq, pos, "\n")
    if rest:
        _pre_comment(seq, pos + 1, rest)
    elif not _pre_comment_lists(seq, pos + 1):
        _pre_comment(seq, pos + 1, "\n")


def _top_level_list(tree: CommentedMap, key: str) -> CommentedSeq:
    """``tree[key]`` as a sequence, created (in the canonical key order) when absent."""
    if not isinstance(tree.get(key), CommentedSeq):
        _set_key(tree, key, CommentedSeq(), ("title", "documents", "events"))
    return tree[key]


def _drop_missing(seq: CommentedSeq, old_items: list, new_items: list) -> list:
    """Delete from ``seq`` the items whose id ``new_items`` no longer has; the surviving old items, in order."""
    keep = {item.id for item in new_items}
    for i in reversed(range(len(old_items))):
        if old_items[i].id not in keep:
            del seq[i]
    return [item for item in old_items if item.id in keep]


def sync_tree(tree: CommentedMap, old: SeedFile, new: SeedFile) -> None:
    """Make the round-trip ``tree`` (which holds ``old``) hold ``new``, touching only what differs."""
    if old.title != new.title:
        _set_key(tree, "title", new.title, ("title", "documents", "events"))
    # documents, matched by id
    if [document_form(d) for d in old.documents] != [document_form(d) for d in new.documents]:
        seq = _top_level_list(tree, "documents")
        old_by_id = {d.id: i for i, d in enumerate(old.documents)}
        current = _drop_missing(seq, old.documents, new.documents)
        for d in new.documents:
            form = document_form(d)
            if d.id in old_by_id:
                idx = next(i for i, c in enumerate(current) if c.id == d.id)
                _sync_mapping(seq[idx], document_form(current[idx]), form, DOCUMENT_KEYS, "document")
            else:
                m = mapping_node(form, DOCUMENT_KEYS, "document")
                m.yaml_add_eol_comment("relative to this file's folder", "path", column=36)
                seq.append(m)
                current.append(d)
    # events, matched by id; existing order kept, new ones inserted by date
    seq = _top_level_list(tree, "events")
    current = _drop_missing(seq, old.events, new.events)
    for ev in new.events:
        form = event_form(ev)
        idx = next((i for i, c in enumerate(current) if c.id == ev.id), None)
        if idx is not None:
            _sync_mapping(seq[idx], event_form(current[idx]), form, EVENT_KEYS, "event")
            current[idx] = ev
            continue
        pos = _insert_position(seq, current, ev)
        seq.insert(pos, mapping_node(form, EVENT_KEYS, "event"))
        current.insert(pos, ev)
        if len(seq) > 1:
            _make_room(seq, pos)
