"""What survives a restart, the first-run welcome screen, and the resume viewer."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from hirepartner.services.review import ResumeFile
from hirepartner.ui.review.slate_table import Column


def test_layout_selection_and_sort_survive_a_restart(
    qtbot, demo_services, settings_path, make_window, wait_loaded
):
    first = make_window(demo_services)
    wait_loaded(first)
    first.resize(1300, 800)
    first.navigator.selectionModel().setCurrentIndex(
        first.navigator_model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.waitUntil(lambda: first.listing.requisition_code == "REQ-1044")
    first.slate.table.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
    header = first.slate.table.horizontalHeader()
    header.moveSection(header.visualIndex(Column.STAGE), 1)
    first.slate.table.setColumnWidth(Column.NAME, 260)
    first.splitter.setSizes([300, 600, 400])
    picked = first.slate.proxy.row_at(4)
    first.slate.select_application(picked.application_id)
    first.panel.tabs.setCurrentIndex(2)
    sizes = first.splitter.sizes()
    first.close()

    second = make_window(demo_services)
    wait_loaded(second)
    qtbot.wait(10)
    assert second.listing.requisition_code == "REQ-1044"
    assert second.review.current.application_id == picked.application_id
    header = second.slate.table.horizontalHeader()
    assert header.visualIndex(Column.STAGE) == 1
    assert second.slate.table.columnWidth(Column.NAME) == 260
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Column.SCORE,
        Qt.SortOrder.DescendingOrder,
    )
    scores = [
        second.slate.proxy.row_at(i).average_score for i in range(second.slate.proxy.rowCount())
    ]
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True)
    assert second.splitter.sizes() == sizes
    assert second.size().width() == 1300
    assert second.panel.tabs.currentIndex() == 2
    second.close()


def test_first_run_shows_the_welcome_screen_then_the_demo(
    qtbot, services, settings_path, make_window, wait_loaded
):
    window = make_window(services)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.welcome)
    welcome = window.welcome
    welcome.name.setText("Ada Lovelace")
    welcome.email.setText("not-an-email")
    welcome.save.click()
    qtbot.waitUntil(lambda: "not an email address" in welcome.error.text())
    welcome.email.setText("ada@example.com")
    welcome.role.setCurrentIndex(welcome.role.findData("hiring_manager"))
    welcome.save.click()
    qtbot.waitUntil(lambda: welcome.saved.text() == "Saved: Ada Lovelace")
    assert services.profile.current().email == "ada@example.com"
    welcome.demo.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.workspace, timeout=20000)
    wait_loaded(window)
    assert window.listing.rows
    assert services.profile.current().name == "Ada Lovelace"  # the demo did not replace me
    window.ops.wait_idle()


def test_resume_viewer_pages_zoom_and_find(qtbot, window):
    window.slate.table.setFocus()
    qtbot.keyClick(window.slate.table, Qt.Key.Key_Return)  # Enter opens the resume
    assert window.panel.tabs.tabText(window.panel.tabs.currentIndex()) == "Resume"
    qtbot.waitUntil(
        lambda: window.panel.resume is not None and window.panel.resume.page_count == 1,
        timeout=5000,
    )
    viewer = window.panel.resume
    assert viewer.page_label.text() == "Page 1 of 1"
    before = viewer.pdf_view.zoomFactor()
    viewer.zoom_in.click()
    assert viewer.pdf_view.zoomFactor() > before
    viewer.find_box.setText("Experience")
    qtbot.waitUntil(lambda: viewer.search_model.rowCount(QModelIndex()) > 0)
    qtbot.wait(300)  # the search model fills in as it scans; let it finish
    matches = viewer.search_model.rowCount(QModelIndex())  # the heading, "years of experience"
    viewer.find_box.setFocus()
    qtbot.keyClick(viewer.find_box, Qt.Key.Key_Return)
    assert viewer.find_status.text() == f"1 of {matches}"
    qtbot.keyClick(viewer.find_box, Qt.Key.Key_Return)
    assert viewer.find_status.text() == f"{min(2, matches)} of {matches}"
    viewer.find_box.setText("no-such-words-here")
    qtbot.waitUntil(lambda: viewer.find_status.text() == "No matches")


def test_plain_text_and_broken_resumes(qtbot):
    from hirepartner.ui.review.resume_viewer import ResumeViewer

    viewer = ResumeViewer()
    qtbot.addWidget(viewer)
    viewer.show_resume(ResumeFile("cv.txt", "text/plain", "Ольга Иванова\nPython".encode()))
    assert viewer.pages.currentWidget() is viewer.text_view
    assert viewer.text_view.toPlainText().startswith("Ольга Иванова")
    viewer.show_resume(ResumeFile("cv.pdf", "application/pdf", b"%PDF-1.4 broken"))
    assert viewer.pages.currentWidget() is viewer.empty
    assert "cv.pdf could not be read" in viewer.empty.text()
    viewer.show_resume(None)
    assert viewer.pages.currentWidget() is viewer.empty


def test_a_resume_shown_right_after_another_is_the_one_on_view(qtbot):
    """Seen once on a 10,000-candidate slate: the previous candidate's resume under the next
    one's name. Each resume gets its own document, so a load still finishing cannot land."""
    from hirepartner.demo.resume_pdf import resume_pdf
    from hirepartner.ui.review.resume_viewer import ResumeViewer

    viewer = ResumeViewer()
    qtbot.addWidget(viewer)
    first = resume_pdf("Alex Andersen", "Backend", [("Experience", ["Vandelay"])], "Alex")
    second = resume_pdf("Sam Ivanović", "Platform", [("Experience", ["Initech"])], "Sam")
    viewer.show_resume(ResumeFile("alex.pdf", "application/pdf", first))
    old = viewer.document
    viewer.show_resume(ResumeFile("sam.pdf", "application/pdf", second))
    assert viewer.document is not old
    qtbot.waitUntil(lambda: viewer.page_count == 1, timeout=5000)
    text = viewer.document.getAllText(0).text()
    assert "Sam Ivanovic" in text  # no "?" for a letter Helvetica lacks
    assert "Alex" not in text
