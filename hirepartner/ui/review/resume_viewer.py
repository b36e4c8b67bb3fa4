"""The resume viewer: QtPdf with zoom, page navigation and find; plain text shown as text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hirepartner.ui.icons import icon

if TYPE_CHECKING:
    from hirepartner.services.review import ResumeFile
ZOOM_STEP = 1.2


class ResumeViewer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self._buffer: QBuffer | None = None
        self._find_index = -1

        self.pdf_view = QPdfView()
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setSearchModel(self.search_model)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.pdf_view.setAccessibleName("Resume")
        self.text_view = QPlainTextEdit(readOnly=True)
        self.text_view.setAccessibleName("Resume text")
        self.empty = QLabel(
            "No resume on file for this candidate.", alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.pages = QStackedWidget()
        for widget in (self.empty, self.pdf_view, self.text_view):
            self.pages.addWidget(widget)

        self.previous_page = self._tool("previous", "Previous page (Page Up)", self.go_previous)
        self.next_page = self._tool("next", "Next page (Page Down)", self.go_next)
        self.page_label = QLabel()
        self.zoom_out = self._tool(
            "zoom-out", "Zoom out (Ctrl+-)", lambda: self.zoom(1 / ZOOM_STEP)
        )
        self.zoom_in = self._tool("zoom-in", "Zoom in (Ctrl++)", lambda: self.zoom(ZOOM_STEP))
        self.fit = self._tool("fit-width", "Fit to width", self.fit_width)
        self.find_box = QLineEdit(placeholderText="Find in resume", clearButtonEnabled=True)
        self.find_box.setAccessibleName("Find in resume")
        self.find_box.setMaximumWidth(220)
        self.find_status = QLabel()

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for control in (
            self.previous_page,
            self.page_label,
            self.next_page,
            self.zoom_out,
            self.zoom_in,
            self.fit,
        ):
            bar.addWidget(control)
        bar.addStretch(1)
        bar.addWidget(self.find_box)
        bar.addWidget(self.find_status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self._connect_signals()
        self.show_resume(None)

    def _tool(self, name: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    def _connect_signals(self) -> None:
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.find_box.textChanged.connect(self.on_find_text_changed)
        self.find_box.returnPressed.connect(self.find_next)
        self.search_model.countChanged.connect(self._update_find_status)
        # Only while the viewer has the focus: Page Up/Down belong to the slate table otherwise.
        for keys, slot, what in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(ZOOM_STEP), "Zoom in"),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(1 / ZOOM_STEP), "Zoom out"),
            (Qt.Key.Key_PageDown, self.go_next, "Next resume page"),
            (Qt.Key.Key_PageUp, self.go_previous, "Previous resume page"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(what)

    # Showing ------------------------------------------------------------------------------------

    def _fresh_document(self) -> QPdfDocument:
        """A new document for each resume, the old one (and its buffer) deleted: QtPdf reads a
        device asynchronously, and a load still finishing must never land in the document on
        show (seen once on a 10,000-candidate slate: the previous candidate's resume)."""
        old = self.document
        self.document = QPdfDocument(self)
        self.search_model.setDocument(self.document)
        self.pdf_view.setDocument(self.document)
        old.close()
        old.deleteLater()  # its buffer is its child: both go
        self._buffer = None
        return self.document

    def show_resume(self, resume: ResumeFile | None) -> None:
        document = self._fresh_document()
        has_pdf = resume is not None and resume.content.startswith(b"%PDF")
        if resume is None:
            self.pages.setCurrentWidget(self.empty)
        elif has_pdf:
            assert resume is not None
            self._buffer = QBuffer(document)
            self._buffer.setData(QByteArray(resume.content))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document.load(self._buffer)
            if document.status() == QPdfDocument.Status.Error:
                self.empty.setText(f"{resume.filename} could not be read as a PDF.")
                self.pages.setCurrentWidget(self.empty)
            else:
                self.pages.setCurrentWidget(self.pdf_view)
                self.fit_width()
        else:
            assert resume is not None
            self.text_view.setPlainText(resume.content.decode("utf-8", errors="replace"))
            self.pages.setCurrentWidget(self.text_view)
        for widget in (
            self.previous_page,
            self.next_page,
            self.zoom_in,
            self.zoom_out,
            self.fit,
            self.find_box,
        ):
            widget.setEnabled(has_pdf)
        self.find_box.clear()
        self.find_status.clear()
        self._update_page_label()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.pdf_view.pageNavigator().currentPage()

    # Actions ------------------------------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.pdf_view.pageNavigator().jump(page, QPointF(), self.pdf_view.zoomFactor())

    def go_next(self) -> None:
        self.go_to_page(self.current_page + 1)

    def go_previous(self) -> None:
        self.go_to_page(self.current_page - 1)

    def zoom(self, factor: float) -> None:
        self.pdf_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf_view.setZoomFactor(max(0.25, min(6.0, self.pdf_view.zoomFactor() * factor)))

    def fit_width(self) -> None:
        # Fitting the width must not change the width it fits: a vertical scroll bar that comes
        # and goes with the zoom would feed back into it forever (QPdfView relays itself out on
        # every toggle and the UI thread spins). So the vertical bar is always there, and when
        # the page is as wide as the view no horizontal bar is needed.
        self.pdf_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def on_find_text_changed(self, text: str) -> None:
        self._find_index = -1
        self.search_model.setSearchString(text)

    def find_next(self) -> None:
        count = self.search_model.rowCount(QModelIndex())
        if not count:
            return
        self._find_index = (self._find_index + 1) % count
        self.pdf_view.setCurrentSearchResultIndex(self._find_index)
        self.pdf_view.pageNavigator().jump(self.search_model.resultAtIndex(self._find_index))
        self._update_find_status()

    def _update_find_status(self) -> None:
        if not self.find_box.text():
            self.find_status.clear()
            return
        count = self.search_model.rowCount(QModelIndex())
        current = max(self._find_index, 0) + 1
        self.find_status.setText(f"{current} of {count}" if count else "No matches")

    def _update_page_label(self) -> None:
        total = self.page_count
        self.page_label.setText(f"Page {self.current_page + 1} of {total}" if total else "")
