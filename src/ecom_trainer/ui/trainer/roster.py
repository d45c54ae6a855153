"""Learners, for the trainer: a table with search; add, change and archive a learner; add many
from a CSV file (checked and previewed first: ui/trainer/csv_import_dialog.py) and save the list
as a CSV file. Plain words, the theme's sizes; every change goes through store/roster.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import ngettext
from ecom_trainer.store.cohorts import list_cohorts, set_learner_cohorts
from ecom_trainer.store.roster import (
    LearnerRecord,
    RosterError,
    avatar_file,
    built_in_avatars,
    create_learner,
    is_photo,
    learner_record,
    new_photo_path,
    roster,
    set_archived,
    update_learner,
)
from ecom_trainer.ui.theme import trainer_text_size
from ecom_trainer.ui.widgets import label, render_svg

Index = QModelIndex | QPersistentModelIndex
ICON = QSize(40, 40)
PHOTO_PX = 600  # photos are kept this big at most: enough for a tile and a certificate
class TextTable(QAbstractTableModel):
    """Rows of text for a QTableView (a model, not QTableWidget: 10,000 rows show at once)."""

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self.headers = list(headers)
        self.rows: list[list[str]] = []
        self.icons: list[QIcon | None] = []  # shown in the first column

    def set_rows(self, rows: list[list[str]], icons: list[QIcon | None] | None = None) -> None:
        self.beginResetModel()
        self.rows, self.icons = rows, icons or []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and index.row() < len(self.icons):
            return self.icons[index.row()]
        return None


def table_view(name: str, model: TextTable) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setIconSize(ICON)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(48)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def tick_list(widget: QListWidget) -> None:
    """A list whose rows tick and untick on a click anywhere in the row, not only on the small
    box. Add items with `tick_item`."""
    widget.itemClicked.connect(
        lambda item: item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                                        else Qt.CheckState.Checked))


def tick_item(text: str, value: str, ticked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    # not ItemIsUserCheckable: with it, a click on the box itself would tick twice (that is, not at all)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    return item


def avatar_icon(conn: sqlite3.Connection, avatar: str) -> QIcon | None:
    path = avatar_file(conn, avatar)
    return QIcon(render_svg(path, ICON)) if path else None


class RecordList(QWidget):
    """What the Learners and Classes pages share: records (each with `id` and `archived`) in a
    table, and Change and Archive buttons that act on the one chosen."""

    table: QTableView
    edit_button: QPushButton
    archive_button: QPushButton

    def __init__(self) -> None:
        super().__init__()
        trainer_text_size(self)
        self.records: list = []

    def _button(self, row: QHBoxLayout, name: str, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: action())
        row.addWidget(button)
        return button

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.records[rows[0].row()] if rows and rows[0].row() < len(self.records) else None

    def select(self, record_id: str) -> None:
        ids = [r.id for r in self.records]
        if record_id in ids:
            self.table.selectRow(ids.index(record_id))

    def _selection_changed(self) -> None:
        record = self.selected()
        self.edit_button.setEnabled(record is not None)
        self.archive_button.setEnabled(record is not None)
        self.archive_button.setText(_("Bring back") if record and record.archived else _("Archive"))


class RosterScreen(RecordList):
    close_requested = Signal()
    learners_changed = Signal()  # the picker and the trainer page list learners again

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        self.records: list[LearnerRecord] = []
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label(_("Learners"), role="title", wrap=False), 1)
        back = QPushButton(_("Back"))
        back.setObjectName("roster_back")
        back.clicked.connect(self.close_requested.emit)
        top.addWidget(back)
        outer.addLayout(top)
        find = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("roster_search")
        self.search.setPlaceholderText(_("Search: name, village, phone or class"))
        self.search.setAccessibleName(_("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        find.addWidget(self.search, 1)
        self.show_archived = QCheckBox(_("Show archived learners"))
        self.show_archived.setObjectName("roster_show_archived")
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        find.addWidget(self.show_archived)
        outer.addLayout(find)
        self.model = TextTable([_("Name"), _("Village"), _("Born"), _("Phone"), _("Classes"), _("Archived")])
        self.table = table_view("roster_table", self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        outer.addWidget(self.table, 1)
        self.status = label()
        self.status.setObjectName("roster_status")
        outer.addWidget(self.status)
        actions = QHBoxLayout()
        self.add_button = self._button(actions, "roster_add", _("Add a learner…"), self.add)
        self.edit_button = self._button(actions, "roster_edit", _("Change…"), self.edit)
        self.archive_button = self._button(actions, "roster_archive", _("Archive"), self.toggle_archived)
        actions.addStretch(1)
        self._button(actions, "roster_import", _("Add from a CSV file…"), self.choose_import)
        self._button(actions, "roster_export", _("Save the list as a CSV file…"), self.choose_export)
        outer.addLayout(actions)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.refresh()

    # ------------------------------------------------------------ the list
    def refresh(self, select: str | None = None) -> None:
        chosen = select or (self.selected().id if self.selected() else None)
        self.records = roster(self.conn, self.show_archived.isChecked(), self.search.text())
        rows = [[r.name, r.village, str(r.birth_year or ""), r.phone or "",
                 ", ".join(name for _id, name in r.cohorts), _("archived") if r.archived else ""]
                for r in self.records]
        self.model.set_rows(rows, [avatar_icon(self.conn, r.avatar) for r in self.records])
        self.table.setColumnHidden(5, not self.show_archived.isChecked())
        if chosen:
            self.select(chosen)
        self._selection_changed()

    def _changed(self, message: str, select: str | None = None) -> None:
        self.status.setText(message)
        self.refresh(select)
        self.learners_changed.emit()

    # ------------------------------------------------------------ one learner
    def add(self) -> None:
        dialog = LearnerDialog(self.conn, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(_("{name} is added.").format(name=dialog.saved_name), dialog.saved_id)

    def edit(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = LearnerDialog(self.conn, record, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed(_("{name} is saved.").format(name=dialog.saved_name), record.id)

    def toggle_archived(self) -> None:
        record = self.selected()
        if record is None:
            return
        set_archived(self.conn, record.id, not record.archived)
        if record.archived:
            message = _("{name} is back on the learner screen.").format(name=record.name)
        else:
            message = _("{name} is archived: not on the learner screen any more. The answers are kept; "
                        "tick “Show archived learners” to bring them back.").format(name=record.name)
        self._changed(message, record.id)

    # ------------------------------------------------------------ CSV
    def choose_import(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(self, _("Choose a CSV file"), "",
                                                      _("CSV files (*.csv *.txt);;All files (*)"))
        if source:
            self.import_file(Path(source))

    def import_file(self, path: Path) -> None:
        """Read and check the file, show the preview; the dialog adds the learners."""
        from ecom_trainer.store.roster_csv import read_learner_csv
        from ecom_trainer.ui.long_work import run_with_progress
        from ecom_trainer.ui.trainer.csv_import_dialog import CsvImportDialog

        try:
            preview = run_with_progress(self, _("Reading the file…"), lambda: read_learner_csv(self.conn, path))
        except sqlite3.Error as exc:
            self.status.setText(_("Nothing was added: {reason}").format(reason=exc))
            return
        dialog = CsvImportDialog(self.conn, preview, path.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.outcome:
            self._changed(dialog.outcome)

    def choose_export(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(self, _("Save the list"), _("learners") + ".csv",
                                                      _("CSV files (*.csv)"))
        if target:
            self.export_file(Path(target))

    def export_file(self, target: Path) -> None:
        from ecom_trainer.store.roster_csv import export_roster

        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        try:
            n = export_roster(self.conn, target, include_archived=self.show_archived.isChecked())
        except OSError as exc:
            self.status.setText(_("The list could not be saved: {reason}").format(reason=exc.strerror or exc))
            return
        self.status.setText(ngettext("{n} learner saved in {file}. Excel and WPS show the Chinese correctly.",
                                     "{n} learners saved in {file}. Excel and WPS show the Chinese correctly.",
                                     n).format(n=n, file=target))


class LearnerDialog(QDialog):
    """Add or change one learner: name, village, birth year and phone (both may stay empty),
    a picture (one of the app's or a photo) and the classes they are in."""

    def __init__(self, conn: sqlite3.Connection, record: LearnerRecord | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        self.conn, self.record = conn, record
        self.saved_id, self.saved_name = "", ""
        self.photo: QImage | None = None  # a new photo, written only when saved
        self.setWindowTitle(_("Change a learner") if record else _("Add a learner"))
        self.resize(1100, 700)
        box = QVBoxLayout(self)
        box.addWidget(label(self.windowTitle(), role="prompt"))
        grid = QGridLayout()
        self.name = self._field(grid, 0, 0, "learner_name", _("Name"), record.name if record else "")
        self.village = self._field(grid, 0, 1, "learner_village", _("Village"), record.village if record else "")
        self.birth_year = self._field(grid, 0, 2, "learner_birth_year", _("Birth year (may stay empty)"),
                                      str(record.birth_year or "") if record else "")
        self.birth_year.setPlaceholderText("1958")
        self.birth_year.setMaxLength(8)
        self.phone = self._field(grid, 0, 3, "learner_phone", _("Phone (may stay empty)"),
                                 record.phone or "" if record else "")
        self.phone.setPlaceholderText("13812345678")
        for column, stretch in enumerate((3, 3, 2, 3)):
            grid.setColumnStretch(column, stretch)
        box.addLayout(grid)
        columns = QHBoxLayout()
        columns.addLayout(self._pictures(record.avatar if record else ""), 3)
        classes = QVBoxLayout()
        classes.addWidget(label(_("Classes"), wrap=False))
        self.classes = QListWidget()
        self.classes.setObjectName("learner_classes")
        mine = {cid for cid, _name in record.cohorts} if record else set()
        tick_list(self.classes)
        for cohort in list_cohorts(conn):
            self.classes.addItem(tick_item(cohort.name, cohort.id, cohort.id in mine))
        if not self.classes.count():
            classes.addWidget(label(_("There is no class yet."), role="muted"))
        classes.addWidget(self.classes, 1)
        columns.addLayout(classes, 2)
        box.addLayout(columns, 1)
        self.problems = label(role="wrong")
        self.problems.setObjectName("learner_problems")
        box.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        save = QPushButton(_("Save"))
        save.setObjectName("learner_save")
        save.setProperty("role", "primary")
        save.setDefault(True)  # Enter in a field saves (not "Use a photo…", the first button)
        save.clicked.connect(self.save)
        cancel = QPushButton(_("Cancel"))
        cancel.setObjectName("learner_cancel")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        box.addLayout(buttons)
        self.name.setFocus()

    def _field(self, grid: QGridLayout, row: int, column: int, name: str, title: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        edit.setAccessibleName(title)
        grid.addWidget(label(title), row * 2, column)  # the words above the field: room for both
        grid.addWidget(edit, row * 2 + 1, column)
        return edit

    def _pictures(self, current: str) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(label(_("Picture on the learner screen"), wrap=False))
        grid = QGridLayout()
        self.picture_group = QButtonGroup(self)
        self.picture_buttons: dict[str, QPushButton] = {}
        choices = built_in_avatars()
        if current and current not in choices:
            choices.append(current)  # their photo (or a picture this PC does not have)
        for n, avatar in enumerate(choices):
            self._picture_button(grid, n, avatar)
        self._grid = grid
        column.addLayout(grid)
        photo = QPushButton(_("Use a photo…"))
        photo.setObjectName("learner_photo")
        photo.clicked.connect(self.choose_photo)
        column.addWidget(photo)
        column.addStretch(1)
        if current in self.picture_buttons:
            self.picture_buttons[current].setChecked(True)
        return column

    def _picture_button(self, grid: QGridLayout, n: int, avatar: str) -> QPushButton:
        button = QPushButton()
        button.setCheckable(True)
        button.setObjectName(f"picture_{avatar}")
        button.setIconSize(QSize(56, 56))
        button.setMinimumSize(72, 72)
        path = avatar_file(self.conn, avatar)
        if path:
            button.setIcon(QIcon(render_svg(path, QSize(56, 56))))
        button.setAccessibleName(_("Photo") if is_photo(avatar) else _("Picture {n}").format(n=n + 1))
        button.setProperty("avatar", avatar)
        self.picture_group.addButton(button)
        self.picture_buttons[avatar] = button
        grid.addWidget(button, n // 6, n % 6)
        return button

    def avatar(self) -> str:
        button = self.picture_group.checkedButton()
        return button.property("avatar") if button else ""

    def choose_photo(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a photo"), "", _("Pictures (*.jpg *.jpeg *.png *.bmp *.gif *.webp)"))
        if source:
            self.use_photo(Path(source))

    def use_photo(self, source: Path) -> bool:
        image = QImage(str(source))
        if image.isNull():
            self.problems.setText(_("This file is not a picture this program can show: {file}").format(file=source.name))
            return False
        if image.width() > PHOTO_PX or image.height() > PHOTO_PX:
            image = image.scaled(PHOTO_PX, PHOTO_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self.photo = image
        button = self.picture_buttons.get("new-photo") or self._picture_button(
            self._grid, len(self.picture_buttons), "new-photo")
        button.setIcon(QIcon(render_svg(source, QSize(56, 56))))
        button.setAccessibleName(_("Photo"))
        button.setChecked(True)
        self.problems.clear()
        return True

    def _save_photo(self) -> str:
        """Write the new photo beside the database; returns its avatar value."""
        assert self.photo is not None
        target, avatar = new_photo_path(self.conn, ".jpg")
        flat = QImage(self.photo.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)  # JPEG has no transparency: white behind a PNG's
        from PySide6.QtGui import QPainter

        painter = QPainter(flat)
        painter.drawImage(0, 0, self.photo)
        painter.end()
        if not flat.save(str(target), "JPG", 88):
            raise OSError(_("The photo could not be saved in {folder}.").format(folder=target.parent))
        return avatar

    def checked_classes(self) -> list[str]:
        return [self.classes.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.classes.count())
                if self.classes.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        avatar = self.avatar()
        values = (self.name.text(), self.village.text(), self.birth_year.text(), self.phone.text())
        try:
            if avatar == "new-photo":
                from ecom_trainer.store.roster import check_learner

                if check_learner(*values)[1]:  # say the problems before writing a photo for nothing
                    raise RosterError(check_learner(*values)[1])
                avatar = self._save_photo()
            if self.record is None:
                self.saved_id = create_learner(self.conn, *values, avatar=avatar)
            else:
                self.saved_id = self.record.id
                update_learner(self.conn, self.record.id, *values, avatar=avatar)
            set_learner_cohorts(self.conn, self.saved_id, self.checked_classes(),
                                shown=[self.classes.item(i).data(Qt.ItemDataRole.UserRole)
                                       for i in range(self.classes.count())])
        except RosterError as exc:
            self.problems.setText("\n".join(p.text() for p in exc.problems))
            return
        except (OSError, sqlite3.Error) as exc:
            self.problems.setText(_("Nothing was saved: {reason}").format(reason=exc))
            return
        saved = learner_record(self.conn, self.saved_id)
        self.saved_name = saved.name if saved else ""
        self.accept()
