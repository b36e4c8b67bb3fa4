"""The main window opens on a database and shows its requisitions, loaded off the UI thread."""

import pytest

from hirepartner.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, services):
    services.fill_demo(candidates=30, seed=2)
    main = MainWindow(services)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.ops.wait_idle()


def test_requisitions_appear_with_their_pipeline(qtbot, window, artifacts_dir):
    qtbot.waitUntil(lambda: window.requisitions.topLevelItemCount() == 4, timeout=5000)
    first = window.requisitions.topLevelItem(0)
    assert first.text(0) == "REQ-1042  Senior Backend Engineer"
    assert first.childCount() == 4
    assert window.status.text() == "4 requisitions"
    window.grab().save(str(artifacts_dir / "main-window.png"))
