"""The timeline dashboard: a Dash app showing a Timeline, every event linked to its source paragraph.

    from dashboard import create_app
    create_app(timeline).run()                      # a Timeline built in code
    create_app(load_timeline, paths=["seeds/"])     # live: follows edits of the seed files, and
                                                    # edits them from the page (editable=False: read-only)
"""

from .app import create_app

__all__ = ["create_app"]
