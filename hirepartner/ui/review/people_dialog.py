"""The People dialog: the interviewers, recruiters and managers the user hires with."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hirepartner.domain import Role, role_label
from hirepartner.errors import HirePartnerError
from hirepartner.ui.ops import TaskState
from hirepartner.ui.rows_model import RowsModel

if TYPE_CHECKING:
    from hirepartner.services.people import PeopleService, PersonRow
    from hirepartner.ui.ops import BackgroundOps

ModelIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("Name", "Email", "Role", "Status", "Scorecards")
RETIRED_GREY = QColor("#6b7280")
ERROR_STYLE = "color: #b91c1c"
RETIRING = "Retired people are no longer offered for interview panels; their scorecards stay."


def user_message(error: BaseException) -> str:
    """The sentence a person sees for a failed save; never a traceback."""
    if isinstance(error, HirePartnerError):
        return str(error)
    return f"Something went wrong ({type(error).__name__}); nothing was saved."


def status_text(person: PersonRow) -> str:
    if person.retired_at is not None:
        return f"Retired {person.retired_at:%d %b %Y}"
    return "Active (you)" if person.is_self else "Active"


class PeopleModel(RowsModel["PersonRow"]):
    """One row per person: name, email, role, active or retired, scorecards written."""

    headers = HEADERS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        person = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                person.name,
                person.email or "",
                role_label(person.role),
                status_text(person),
                str(person.scorecards),
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return person.id
        if role == Qt.ItemDataRole.ForegroundRole and person.retired:
            return QBrush(RETIRED_GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def person(self, row: int) -> PersonRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class PersonDialog(QDialog):
    """Name, email and role of one person; stays open with the reason when a save fails."""

    submitted = Signal(str, str, str)  # name, email, role

    def __init__(self, person: PersonRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {person.name}" if person else "Add a person")
        self.name = QLineEdit(person.name if person else "")
        self.name.setPlaceholderText("e.g. Ada Lovelace")
        self.email = QLineEdit((person.email or "") if person else "")
        self.email.setPlaceholderText("ada@example.com")
        self.role = QComboBox()
        for role in (Role.INTERVIEWER, Role.RECRUITER, Role.HIRING_MANAGER):
            self.role.addItem(role.label, role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(person.role if person else "")))
        form = QFormLayout()
        for label, widget in (("Name:", self.name), ("Email:", self.email), ("Role:", self.role)):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        """Asks the owner to save; the owner closes the dialog once the save succeeded."""
        self.error.clear()
        self.buttons.setEnabled(False)
        self.submitted.emit(self.name.text(), self.email.text(), str(self.role.currentData()))

    def saved(self) -> None:
        super().accept()

    def failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(user_message(error))
        fields: dict[str, QWidget] = {"name": self.name, "email": self.email, "role": self.role}
        fields.get(getattr(error, "field", ""), self.name).setFocus()


class PeopleDialog(QDialog):
    """Add, edit, retire and reinstate people; retired people keep their scorecards."""

    def __init__(
        self,
        service: PeopleService,
        ops: BackgroundOps,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops = service, ops  # ops announces what each write changed
        self.person_dialog: PersonDialog | None = None
        self.setWindowTitle("People")
        self.model = PeopleModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, email, role or status")
        self.filter.setAccessibleName("Filter people")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setAccessibleName("People")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.retire_button = QPushButton("Retire")
        self.summary = QLabel("Loading…")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #6b7280")
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.retire_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        self.resize(760, 480)
        self._connect_signals()
        self._update_buttons()
        self.reload()

    def _connect_signals(self) -> None:
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.on_edit())
        self.add_button.clicked.connect(self.on_add)
        self.edit_button.clicked.connect(self.on_edit)
        self.retire_button.clicked.connect(self.on_retire_or_reinstate)

    # Reading --------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        service = self.service

        def load(_state: TaskState) -> tuple[PersonRow, ...]:
            return service.people()

        def show(rows: tuple[PersonRow, ...]) -> None:
            keep = select_id if select_id is not None else self._selected_id()
            self.model.set_rows(rows)
            retired = sum(1 for p in rows if p.retired)
            self.summary.setText(
                f"{len(rows) - retired} active, {retired} retired. {RETIRING}"
                if rows
                else "Nobody yet: add the interviewers and recruiters you work with."
            )
            self.select(keep)
            self._update_buttons()

        self.ops.run(load, label="people").on_success(show).on_failure(
            lambda error: self.summary.setText(f"Could not load the people: {error}")
        ).start()

    def select(self, person_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == person_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def selected(self) -> PersonRow | None:
        ident = self._selected_id()
        return next((p for p in self.model.rows if p.id == ident), None)

    def _update_buttons(self) -> None:
        person = self.selected()
        self.edit_button.setEnabled(person is not None)
        self.retire_button.setText("Reinstate" if person and person.retired else "Retire")
        self.retire_button.setEnabled(person is not None and not person.is_self)
        self.retire_button.setToolTip(
            "You cannot retire yourself" if person and person.is_self else ""
        )

    # Writing --------------------------------------------------------------------------------

    def _write(
        self,
        label: str,
        fn: Callable[[], PersonRow],
        done: Callable[[PersonRow], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        def job(_state: TaskState) -> PersonRow:
            return fn()

        def succeeded(person: PersonRow) -> None:
            done(person)
            self.reload(person.id)

        self.ops.run(job, write=True, label=label).on_success(succeeded).on_failure(failed).start()

    def on_add(self) -> None:
        self._open_person(None)

    def on_edit(self) -> None:
        person = self.selected()
        if person is not None:
            self._open_person(person)

    def _open_person(self, person: PersonRow | None) -> None:
        dialog = PersonDialog(person, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        service = self.service

        def submit(name: str, email: str, role: str) -> None:
            def save() -> PersonRow:
                if person is None:
                    return service.add(name, email, role)
                return service.edit(person.id, name, email, role)

            def done(saved: PersonRow) -> None:
                verb = "Added" if person is None else "Saved"
                self.status.setText(f"{verb} {saved.name}.")
                dialog.saved()

            self._write("save person", save, done, dialog.failed)

        dialog.submitted.connect(submit)
        self.person_dialog = dialog
        dialog.open()

    def on_retire_or_reinstate(self) -> None:
        person = self.selected()
        if person is None:
            return
        service, ident = self.service, person.id
        if person.retired:
            self._write(
                "reinstate person",
                lambda: service.reinstate(ident),
                lambda p: self.status.setText(f"{p.name} is active again."),
                self.on_failed,
            )
            return

        def retired(p: PersonRow) -> None:
            kept = f"; their {p.scorecards} scorecards stay theirs" if p.scorecards else ""
            self.status.setText(f"{p.name} is retired{kept}.")

        self._write("retire person", lambda: service.retire(ident), retired, self.on_failed)

    def on_failed(self, error: BaseException) -> None:
        self.status.setText(user_message(error))
