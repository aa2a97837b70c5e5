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
