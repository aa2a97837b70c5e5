"""Walking a Dash component tree in unit tests (views and callbacks return components)."""


def walk(component):
    """Every component (not strings or numbers) in a component tree, depth first."""
    if isinstance(component, (list, tuple)):
        for c in component:
            yield from walk(c)
        return
    if component is None or isinstance(component, (str, int, float)):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def text(component, sep: str = "") -> str:
    """All text in a component tree, pieces joined by ``sep``."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return sep.join(text(c, sep) for c in component)
    return text(getattr(component, "children", None), sep)


def by_id(component, cid):
    """The first component (depth first) whose id is ``cid``, or None."""
    return next((c for c in walk(component) if getattr(c, "id", None) == cid), None)
