"""In-app editing of seed files (issue 5): the edit form and the save / delete / add / undo actions.

Only offered when the app was started from seed files (``TimelineSource.editable``). Every action
goes through ``timeline._seeds`` (atomic write, ``origin: edited``, conflict check against the
file's mtime when it was loaded) and then reloads the timeline through the source, so the figure,
the list and the panel show the change at once.

The browser only sends field values, the event id and the mtime the form was rendered with: which
file is written is decided here from the loaded seed files, never taken from the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from dash import dcc, html, no_update

from timeline._errors import SeedError, TimelineError
from timeline._models import Event
from timeline._seeds import (
    SeedConflictError,
    add_event,
    delete_event,
    save_event_edit,
    undo_last_save,
)

from .state import TimelineSource

__all__ = [
    "DATE_HELP",
    "EDIT_FIELDS",
    "EditOutcome",
    "add_new_event",
    "conflict_base",
    "resolve_conflict",
    "delete_selected",
    "discard_notice",
    "edit_panel",
    "edit_tools",
    "form_values",
    "Draft",
    "restore_draft",
    "drop_draft",
    "draft_for",
    "save_edit",
    "undo_save",
    "split_tags",
]

EDIT_FIELDS = ("title", "when", "tags", "notes")
DATE_HELP = "e.g. 2025-08, late 2025-12, 2025-SP, ~2024, 2025-04-01..2025-04-30"
_FIELD_IN_MESSAGE = re.compile(r"^(title|when|tags|notes)\b[\w.]*:\s*")


@dataclass
class LastSave:
    """What Undo puts back: the file written and the event to select afterwards."""

    path: Path
    mtime_ns: int
    reselect: str | None
    what: str


def _last_save(source: TimelineSource) -> LastSave | None:
    return source.last_save


@dataclass
class EditOutcome:
    """The result of an action, as the callbacks in app.py hand it to Dash.

    ``saved`` is True when the file was written (then ``version`` / ``selected`` / ``notice`` are
    set); otherwise ``errors`` (per field) or ``status`` says why nothing was saved."""

    saved: bool = False
    status: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    version: int | None = None
    selected: str | None = None
    notice: dict | None = None

    def url(self):
        if not self.saved:
            return no_update
        return f"?event={quote(self.selected, safe='')}" if self.selected else ""

    def error_values(self) -> list[str]:
        return [self.errors.get(f, "") for f in EDIT_FIELDS]


def _quoted(title: str, limit: int = 48) -> str:
    return f"“{title if len(title) <= limit else title[: limit - 1] + '…'}”"


def split_tags(text: str | None) -> list[str]:
    """'a, b ,, c' -> ['a', 'b', 'c'] (order kept, duplicates dropped)."""
    out: list[str] = []
    for t in (text or "").split(","):
        t = t.strip()
        if t and t not in out:
            out.append(t)
    return out


def _short(message: str, path: Path | None) -> str:
    """A save error without the file path in front (the panel says which file)."""
    for prefix in filter(None, (str(path) if path else None, path.name if path else None)):
        if message.startswith(prefix + ": "):
            return message[len(prefix) + 2 :]
    return message


def _field_errors(message: str) -> dict[str, str]:
    """Split 'when: ...; title: ...' into per-field messages; {} when no field is named."""
    errors: dict[str, str] = {}
    for part in message.split("; "):
        m = _FIELD_IN_MESSAGE.match(part)
        if not m:
            return {}
        errors[m.group(1)] = part[m.end() :]
    return errors


def _changes(title, when, tags, notes) -> tuple[dict, dict[str, str]]:
    changes = {"title": (title or "").strip(), "when": (when or "").strip(), "tags": split_tags(tags),
               "notes": (notes or "").strip()}
    errors = {}
    if not changes["title"]:
        errors["title"] = "a title is needed"
    if not changes["when"]:
        errors["when"] = f"a date is needed ({DATE_HELP})"
    return changes, errors


def _after_save(source: TimelineSource, path: Path, mtime_ns: int, selected: str | None, reselect: str | None,
                done: str, what: str) -> EditOutcome:
    """Remember the save for Undo, reload the timeline, and say what happened."""
    source.last_save = LastSave(path, mtime_ns, reselect, what)
    source.poll()  # reload now rather than at the next poll
    if selected is not None and source.index.get(selected) is None:
        selected = None
    text = f"{done} Saved to {path.parent.name}/{path.name}."
    notice = {"version": source.version, "text": text}
    return EditOutcome(saved=True, status=text, version=source.version, selected=selected, notice=notice)


def _failure(exc: TimelineError, path: Path | None, field_errors: bool) -> EditOutcome:
    if isinstance(exc, SeedConflictError):
        return EditOutcome(status=_short(str(exc), path))
    if isinstance(exc, SeedError):
        return EditOutcome(status=f"The seed file has problems; fix them first: {exc}")
    message = _short(str(exc), path)
    errors = _field_errors(message) if field_errors else {}
    return EditOutcome(status="" if errors else message, errors=errors)


def _target(source: TimelineSource, event_id: str | None) -> tuple[Path, int] | None:
    if not source.editable or not event_id:
        return None
    return source.event_files.get(event_id)


def _base_mtime(base) -> int | None:
    try:
        return int((base or {})["mtime"])
    except (KeyError, TypeError, ValueError):
        return None


# -- actions -------------------------------------------------------------------------------------


def save_edit(source: TimelineSource, base: dict | None, title, when, tags, notes) -> EditOutcome:
    """Save the edited fields of the event in ``base`` ({"event": id, "mtime": ns when loaded})."""
    event_id = (base or {}).get("event")
    target, mtime = _target(source, event_id), _base_mtime(base)
    if target is None or mtime is None:
        return EditOutcome(status="This event cannot be edited here.")
    changes, errors = _changes(title, when, tags, notes)
    if errors:
        return EditOutcome(errors=errors)
    path = target[0]
    shown = source.index.get(event_id)
    if shown is not None and (shown.title, _when_text(shown), list(shown.tags), shown.notes) == (
            changes["title"], changes["when"], changes["tags"], changes["notes"]):
        return EditOutcome(status="Nothing changed.")
    try:
        result = save_event_edit(path, event_id, changes, mtime)
    except TimelineError as exc:
        return _failure(exc, path, field_errors=True)
    if result.mtime_ns == mtime:  # the same values written another way: the file was left alone
        return EditOutcome(status="Nothing changed.")
    return _after_save(source, path, result.mtime_ns, event_id, event_id, "Changes saved.",
                       f"edit of {_quoted(changes['title'])}")


def conflict_base(source: TimelineSource, event: Event) -> dict | None:
    """What the "Use this date" buttons send back: the event, the file's mtime when shown and the
    readings in button order (None when the event has no conflict or its file is not editable here)."""
    target = _target(source, event.id)
    if target is None or not event.alternatives:
        return None
    return {"event": event.id, "mtime": str(target[1]), "readings": [str(r) for r in [event.when, *event.alternatives]]}


def resolve_conflict(source: TimelineSource, base: dict | None, choice: int | None) -> EditOutcome:
    """Date the event by reading ``choice`` of ``base["readings"]`` and clear its alternatives (the event
    becomes ``origin: edited``, so a new extraction keeps the choice)."""
    event_id = (base or {}).get("event")
    target, mtime = _target(source, event_id), _base_mtime(base)
    readings = (base or {}).get("readings") or []
    if target is None or mtime is None or not isinstance(choice, int) or not 0 <= choice < len(readings):
        return EditOutcome(status="This conflict cannot be resolved here.")
    path = target[0]
    reading = str(readings[choice])
    try:
        result = save_event_edit(path, event_id, {"when": reading, "alternatives": []}, mtime)
    except TimelineError as exc:
        return _failure(exc, path, field_errors=False)
    event = source.index.get(event_id)
    label = event.title if event is not None else event_id
    return _after_save(source, path, result.mtime_ns, event_id, event_id, f"Dated {reading}; conflict resolved.",
                       f"date choice for {_quoted(label)}")


def delete_selected(source: TimelineSource, base: dict | None) -> EditOutcome:
    """Delete the event in ``base``; the selection is cleared (Undo brings it back)."""
    event_id = (base or {}).get("event")
    target, mtime = _target(source, event_id), _base_mtime(base)
    if target is None or mtime is None:
        return EditOutcome(status="This event cannot be deleted here.")
    path = target[0]
    try:
        result = delete_event(path, event_id, mtime)
    except TimelineError as exc:
        return _failure(exc, path, field_errors=False)
    title = result.event.title if result.event is not None else event_id
    return _after_save(source, path, result.mtime_ns, None, event_id, "Event deleted.", f"deletion of {_quoted(title)}")


def add_new_event(source: TimelineSource, base: dict | None, title, when, tags, notes) -> EditOutcome:
    """Add a manual event to the file named in ``base`` ({"file": path, "mtime": ns}); it gets selected."""
    wanted = (base or {}).get("file")
    known = {str(p): m for p, m in source.event_files.values()} if source.editable else {}
    mtime = _base_mtime(base)
    if wanted not in known or mtime is None:
        return EditOutcome(status="Events cannot be added here.")
    changes, errors = _changes(title, when, tags, notes)
    if errors:
        return EditOutcome(errors=errors)
    path = Path(wanted)
    data = {k: v for k, v in changes.items() if v or k in ("title", "when")}
    try:
        result = add_event(path, data, mtime)
    except TimelineError as exc:
        return _failure(exc, path, field_errors=True)
    new_id = result.event.id if result.event is not None else None
    return _after_save(source, path, result.mtime_ns, new_id, None, "Event added.", f"addition of {_quoted(changes['title'])}")


def undo_save(source: TimelineSource) -> EditOutcome:
    """Put back the file as it was before this app's last save (one level)."""
    last = _last_save(source)
    if last is None or not source.editable:
        return EditOutcome(status="Nothing to undo.")
    try:
        undo_last_save(last.path, last.mtime_ns)
    except TimelineError as exc:
        return _failure(exc, last.path, field_errors=False)
    source.last_save = None
    source.poll()
    selected = last.reselect if last.reselect and source.index.get(last.reselect) is not None else None
    text = f"Undid the {last.what} in {last.path.parent.name}/{last.path.name}."
    return EditOutcome(saved=True, status=text, version=source.version, selected=selected,
                       notice={"version": source.version, "text": text})


# -- views ---------------------------------------------------------------------------------------


def _field(prefix: str, name: str, label: str, control, help_text: str | None = None) -> html.Div:
    cid = f"{prefix}-{name}"
    children = [html.Label(label, htmlFor=cid), control]
    if help_text:
        children.append(html.Small(help_text, id=f"{cid}-help", className="edit-help"))
    children.append(html.Span(id=f"{cid}-error", className="field-error", role="alert"))
    return html.Div(children, className=f"edit-field edit-{name}")


def _inputs(prefix: str, title: str = "", when: str = "", tags: str = "", notes: str = "") -> list:
    return [
        _field(prefix, "title", "Title", dcc.Input(id=f"{prefix}-title", type="text", value=title, debounce=False,
                                                  autoComplete="off", className="input", required=True)),
        _field(prefix, "when", "Date", dcc.Input(id=f"{prefix}-when", type="text", value=when, debounce=False,
                                                autoComplete="off", className="input date"), DATE_HELP),
        _field(prefix, "tags", "Tags", dcc.Input(id=f"{prefix}-tags", type="text", value=tags, debounce=False,
                                                autoComplete="off", className="input"), "separated by commas"),
        _field(prefix, "notes", "Notes", dcc.Textarea(id=f"{prefix}-notes", value=notes, rows=2,
                                                     className="input textarea")),
    ]


def _when_text(event: Event) -> str:
    from timeline._timex import format_when

    return format_when(event.when)


def edit_tools(source: TimelineSource, selected_file: Path | None = None, notice: dict | None = None) -> html.Div:
    """Undo, the status line and 'Add an event': shown with or without a selected event."""
    files = sorted({p for p, _ in source.event_files.values()})
    target = selected_file if selected_file in files else (files[0] if files else None)
    status = str(notice.get("text") or "") if _current(notice, source) else ""
    last = _last_save(source)
    undo_label = f"Undo the {last.what.split(' of ')[0]}" if last else "Undo last save"
    children: list = [
        html.P(status, id="edit-status", className="edit-status", role="status", **{"aria-live": "polite"}),
        html.Button(undo_label, id="edit-undo", className="btn ghost", disabled=last is None,
                    title=f"Undo the {last.what}" if last else "Nothing saved here yet"),
    ]
    if target is not None:
        mtime = next(m for p, m in source.event_files.values() if p == target)
        children.append(html.Details(
            [
                html.Summary("Add an event"),
                html.P(["Adds a manual event to ", html.Code(f"{target.parent.name}/{target.name}"), "."],
                       className="edit-help"),
                dcc.Store(id="add-base", data={"file": str(target), "mtime": str(mtime)}),
                *_inputs("add"),
                html.Button("Add event", id="add-save", className="btn"),
            ],
            className="add-event",
        ))
    return html.Div(children, className="edit-tools")


def _current(notice, source: TimelineSource) -> bool:
    return isinstance(notice, dict) and notice.get("version") == source.version


def form_values(event: Event) -> dict[str, str]:
    """The edit form's fields for an event, as the form shows them."""
    return {"title": event.title, "when": _when_text(event), "tags": ", ".join(event.tags), "notes": event.notes}


@dataclass
class Draft:
    """Input typed into the edit form and not saved, as :func:`restore_draft` finds it after a re-render."""

    fields: dict[str, str]  # what the user typed, per EDIT_FIELDS
    base: dict  # the edit-base the form is rendered with (the save is checked against its mtime)
    changed: dict[str, str]  # field -> the value now on disk, for fields that changed under the draft


def drop_draft(store, event_id) -> dict | None:
    """The ``edit-draft`` store without ``event_id``'s draft (None when nothing is left)."""
    drafts = dict(store.get("drafts") or {}) if isinstance(store, dict) and isinstance(store.get("drafts"), dict) else {}
    drafts.pop(event_id, None)
    return {"drafts": drafts} if drafts else None


def draft_for(store, event_id: str):
    """One event's draft in the ``edit-draft`` store ({"drafts": {event id: draft}}), or None."""
    if isinstance(store, dict) and isinstance(store.get("drafts"), dict):
        return store["drafts"].get(event_id)
    return store  # a single draft (the store's earlier form)


def restore_draft(source: TimelineSource, event: Event, draft) -> Draft | None:
    """The user's unsaved input for ``event`` to put back into a re-rendered form, or None.

    ``draft`` is the browser's ``edit-draft`` store: {"base": the form's edit-base, "title": ...,
    "when": ..., "tags": ..., "notes": ...}, written as the user types (assets/timeline.js). It is
    kept when it is for this event and differs from what the form was rendered with (the user changed
    something) and from the event now (a save of exactly that leaves nothing to keep).

    The draft keeps the mtime it started from only when the event itself changed on disk underneath
    it (``changed``): its save is then refused as a conflict, as before. When only other events or
    files changed, the draft moves onto the reloaded file and saves normally. The store keeps one draft
    per event ({"drafts": {event id: draft}}): typing into a second event's form keeps the first's."""
    draft = draft_for(draft, event.id)
    if not isinstance(draft, dict) or not isinstance(draft.get("base"), dict):
        return None
    base = draft["base"]
    original = base.get("original")
    if base.get("event") != event.id or not isinstance(original, dict):
        return None
    fields = {f: draft.get(f) if isinstance(draft.get(f), str) else str(original.get(f, "")) for f in EDIT_FIELDS}
    now = form_values(event)
    if fields == {f: original.get(f) for f in EDIT_FIELDS} or fields == now:
        return None
    changed = {f: now[f] for f in EDIT_FIELDS if original.get(f) != now[f]}
    target = _target(source, event.id)
    if changed or target is None:
        return Draft(fields, dict(base), changed)
    return Draft(fields, {"event": event.id, "mtime": str(target[1]), "original": now}, changed)


def discard_notice(source: TimelineSource) -> dict:
    """The status after "Discard my changes" (an edit notice: the form stays open and says so)."""
    return {"version": source.version, "text": "Unsaved changes discarded: the form shows the event as it is in the file."}


_FIELD_NAMES = {"title": "title", "when": "date", "tags": "tags", "notes": "notes"}


def _draft_note(draft: Draft) -> html.Div:
    """What the form says above a restored draft, with the button that drops it."""
    discard = html.Button("Discard my changes", id="edit-discard", className="btn small ghost",
                          title="Load the event as it is in the seed file now")
    if not draft.changed:
        return html.Div([html.P("Your unsaved changes were kept while the seed files reloaded.", className="edit-help"),
                         discard], id="edit-draft-note", className="draft-note", role="status")
    now = []
    for f, value in draft.changed.items():
        now.append(f"{_FIELD_NAMES[f]}: {_quoted(value, 60) if value else '(empty)'}")
    return html.Div(
        [
            html.P(html.Strong("This event changed on disk while you were editing it."), className="draft-warning"),
            html.P("Now in the file: " + "; ".join(now) + "."),
            html.P("Your unsaved text is kept below. Saving it would overwrite that change, so Save is refused; "
                   "copy what you need, then discard your changes to edit the new version.", className="edit-help"),
            discard,
        ],
        id="edit-draft-note", className="draft-note warn", role="alert",
    )


def edit_panel(source: TimelineSource, event: Event, notice: dict | None = None, draft=None) -> html.Div | None:
    """The edit form for ``event`` (None when its file is not editable from the app). ``draft``: the
    browser's unsaved input (see :func:`restore_draft`), put back into the form when it is for this event."""
    target = _target(source, event.id)
    if target is None:
        return None
    path, mtime = target
    kept = restore_draft(source, event, draft)
    fields = kept.fields if kept else form_values(event)
    base = kept.base if kept else {"event": event.id, "mtime": str(mtime), "original": form_values(event)}
    draft_note = _draft_note(kept) if kept else None
    form = html.Details(
        [
            html.Summary("Edit this event"),
            html.P(["Saved to ", html.Code(f"{path.parent.name}/{path.name}"),
                    "; the event stays a manual one." if event.origin == "manual" else
                    "; the event is marked as edited, so a new extraction keeps your changes."],
                   className="edit-help"),
            dcc.Store(id="edit-base", data=base),
            *([draft_note] if draft_note is not None else []),
            *_inputs("edit", *(fields[f] for f in EDIT_FIELDS)),
            html.Div(
                [
                    html.Button("Save", id="edit-save", className="btn"),
                    html.Button("Delete event", id="edit-delete", className="btn danger",
                                title="Remove this event from the seed file (Undo brings it back)"),
                ],
                className="edit-buttons",
            ),
        ],
        className="edit-event",
        id="edit-event",
        **{"data-edit-event": event.id},
        open=_current(notice, source) or kept is not None,  # stays open after a save, and with a draft
    )
    return html.Div([form, edit_tools(source, path, notice)], className="editing")
