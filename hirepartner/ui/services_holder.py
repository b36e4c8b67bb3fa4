"""The app's services as the UI holds them: they arrive once the window is already on screen.

The window is shown before SQLAlchemy is imported and the database opened (a background job
does both), so panels and actions reach the services through this holder, not a constructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hirepartner.app import AppServices


class ServicesHolder:
    def __init__(self, services: AppServices | None = None) -> None:
        self._services = services

    def set(self, services: AppServices) -> None:
        self._services = services

    @property
    def ready(self) -> bool:
        return self._services is not None

    @property
    def services(self) -> AppServices:
        if self._services is None:
            raise RuntimeError("the database is not open yet")
        return self._services
