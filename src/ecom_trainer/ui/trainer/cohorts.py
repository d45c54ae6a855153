"""Classes, for the trainer: the list, and a dialog to make or change one: its name and dates,
its course plan (lessons picked in the order they are taught) and its learners. Every change goes
through store/cohorts.py."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import format_date, lesson_text, ngettext
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.centre import centre_id
from ecom_trainer.store.cohorts import (
    Cohort,
    create_cohort,
    get_cohort,
    list_cohorts,
    member_ids,
    set_cohort_archived,
    set_members,
    update_cohort,
)
from ecom_trainer.store.roster import RosterError, roster
from ecom_trainer.ui.theme import current_palette, trainer_text_size
from ecom_trainer.ui.trainer.roster import RecordList, TextTable, table_view, tick_item, tick_list
from ecom_trainer.ui.widgets import label

ID = Qt.ItemDataRole.UserRole
COURSE_WEEKS = 8  # a new class's end date, to be changed


def _day_text(day: str | None) -> str:
    return format_date(date.fromisoformat(day), "medium") if day else ""


class CohortsScreen(RecordList):
    close_requested = Signal()

    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum) -> None:
        super().__init__()
        self.conn, self.curriculum = conn, curriculum
        self.records: list[Cohort] = []
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label(_("Classes"), role="title", wrap=False), 1)
        self.show_archived = QCheckBox(_("Show archived classes"))
        self.show_archived.setObjectName("cohorts_show_archived")
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        top.addWidget(self.show_archived)
        back = QPushButton(_("Back"))
        back.setObjectName("cohorts_back")
        back.clicked.connect(self.close_requested.emit)
        top.addWidget(back)
        outer.addLayout(top)
        self.model = TextTable([_("Class"), _("Starts"), _("Ends"), _("Lessons"), _("Learners"), _("Archived")])
        self.table = table_view("cohorts_table", self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        outer.addWidget(self.table, 1)
        self.status = label()
        self.status.setObjectName("cohorts_status")
        outer.addWidget(self.status)
        actions = QHBoxLayout()
        self._button(actions, "cohorts_add", _("New class…"), self.add)
        self.edit_button = self._button(actions, "cohorts_edit", _("Change…"), self.edit)
        self.archive_button = self._button(actions, "cohorts_archive", _("Archive"), self.toggle_archived)
        actions.addStretch(1)
        outer.addLayout(actions)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        chosen = select or (self.selected().id if self.selected() else None)
        self.records = list_cohorts(self.conn, self.show_archived.isChecked())
        self.model.set_rows([[c.name, _day_text(c.starts_on), _day_text(c.ends_on), str(len(c.plan)),
                              str(c.members), _("archived") if c.archived else ""] for c in self.records])
        self.table.setColumnHidden(5, not self.show_archived.isChecked())
        if chosen:
            self.select(chosen)
        if not self.records:
            self.status.setText(_("There is no class yet. Press “New class…” to make one."))
        self._selection_changed()

    def add(self) -> None:
        dialog = CohortDialog(self.conn, self.curriculum, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.status.setText(_("The class “{name}” is made.").format(name=dialog.saved_name))
            self.refresh(dialog.saved_id)

    def edit(self) -> None:
        cohort = self.selected()
        if cohort is None:
            return
        dialog = CohortDialog(self.conn, self.curriculum, cohort, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.status.setText(_("The class “{name}” is saved.").format(name=dialog.saved_name))
            self.refresh(cohort.id)

    def toggle_archived(self) -> None:
        cohort = self.selected()
        if cohort is None:
            return
        try:
            set_cohort_archived(self.conn, cohort.id, not cohort.archived)
        except RosterError as exc:
            self.status.setText("\n".join(p.text() for p in exc.problems))
            return
        self.status.setText(
            _("The class “{name}” is back.").format(name=cohort.name) if cohort.archived else
            _("The class “{name}” is archived: it is not shown on the dashboard or in reports. Its learners "
              "and their answers are kept.").format(name=cohort.name))
        self.refresh(cohort.id)


class CohortDialog(QDialog):
    """Make or change a class, on three tabs: name and dates, lessons in order, learners."""

    def __init__(self, conn: sqlite3.Connection, curriculum: Curriculum, cohort: Cohort | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        trainer_text_size(self)
        self.conn, self.curriculum, self.cohort = conn, curriculum, cohort
        self.saved_id, self.saved_name = "", ""
        self.setWindowTitle(_("Change a class") if cohort else _("New class"))
        self.resize(1200, 720)
        box = QVBoxLayout(self)
        box.addWidget(label(self.windowTitle(), role="prompt"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("cohort_tabs")
        self.tabs.addTab(self._details_tab(), _("Name and dates"))
        self.tabs.addTab(self._plan_tab(), _("Lessons in order"))
        self.tabs.addTab(self._members_tab(), _("Learners"))
        box.addWidget(self.tabs, 1)
        self.problems = label(role="wrong")
        self.problems.setObjectName("cohort_problems")
        box.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        save = QPushButton(_("Save"))
        save.setObjectName("cohort_save")
        save.setProperty("role", "primary")
        save.setDefault(True)  # Enter in a field saves, rather than the first button of a tab
        save.clicked.connect(self.save)
        cancel = QPushButton(_("Cancel"))
        cancel.setObjectName("cohort_cancel")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        box.addLayout(buttons)

    # ------------------------------------------------------------ name and dates
    def _details_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.name = QLineEdit(self.cohort.name if self.cohort else "")
        self.name.setObjectName("cohort_name")
        self.name.setAccessibleName(_("Name of the class"))
        self.name.setPlaceholderText(_("for example: 2026 spring, tea growers"))
        grid.addWidget(label(_("Name of the class"), wrap=False), 0, 0)
        grid.addWidget(self.name, 0, 1)
        self.has_dates = QCheckBox(_("The class has start and end dates"))
        self.has_dates.setObjectName("cohort_has_dates")
        grid.addWidget(self.has_dates, 1, 0, 1, 2)
        today = date.today()
        start = self.cohort.starts_on if self.cohort and self.cohort.starts_on else today.isoformat()
        end = self.cohort.ends_on if self.cohort and self.cohort.ends_on else \
            (date.fromisoformat(start) + timedelta(weeks=COURSE_WEEKS)).isoformat()
        self.starts_on, self.ends_on = QDateEdit(), QDateEdit()
        for row, (edit, day, name, title) in enumerate(((self.starts_on, start, "cohort_starts_on", _("Starts on")),
                                                        (self.ends_on, end, "cohort_ends_on", _("Ends on"))), 2):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            edit.setAccessibleName(title)
            edit.setMinimumSize(300, 56)
            grid.addWidget(label(title, wrap=False), row, 0)
            grid.addWidget(edit, row, 1, Qt.AlignmentFlag.AlignLeft)
        self.has_dates.toggled.connect(self.starts_on.setEnabled)
        self.has_dates.toggled.connect(self.ends_on.setEnabled)
        self.has_dates.setChecked(self.cohort is None or bool(self.cohort.starts_on or self.cohort.ends_on))
        self.starts_on.setEnabled(self.has_dates.isChecked())
        self.ends_on.setEnabled(self.has_dates.isChecked())
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        return page

    # ------------------------------------------------------------ the plan
    def _plan_tab(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        left, middle, right = QVBoxLayout(), QVBoxLayout(), QVBoxLayout()
        left.addWidget(label(_("Lessons of the lesson pack")))
        self.lessons = QListWidget()
        self.lessons.setObjectName("cohort_lessons")
        self.titles: dict[str, str] = {}
        for track in self.curriculum.tracks:
            for lesson in self.curriculum.lessons_of(track):
                title = f"{lesson_text(track.title)} › {lesson_text(lesson.title)}"
                self.titles[lesson.id] = title
                item = QListWidgetItem(title)
                item.setData(ID, lesson.id)
                self.lessons.addItem(item)
        self.lessons.itemDoubleClicked.connect(lambda _i: self.add_lessons())
        left.addWidget(self.lessons, 1)
        middle.addStretch(1)
        for name, text, action in (("plan_add", _("Add →"), self.add_lessons),
                                   ("plan_remove", _("← Take out"), self.remove_lesson),
                                   ("plan_up", _("Up ↑"), lambda: self.move_lesson(-1)),
                                   ("plan_down", _("Down ↓"), lambda: self.move_lesson(1))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, a=action: a())
            middle.addWidget(button)
        middle.addStretch(1)
        right.addWidget(label(_("The course plan, in the order of teaching")))
        self.plan = QListWidget()
        self.plan.setObjectName("cohort_plan")
        self.plan.itemDoubleClicked.connect(lambda _i: self.remove_lesson())
        right.addWidget(self.plan, 1)
        for box in (self.lessons, self.plan):
            box.setWordWrap(True)  # long lesson titles wrap instead of scrolling sideways
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addLayout(left, 1)
        row.addLayout(middle, 0)
        row.addLayout(right, 1)
        for lesson_id in self.cohort.plan if self.cohort else ():
            self._append(lesson_id)
        self._renumber()
        return page

    def _append(self, lesson_id: str) -> None:
        title = self.titles.get(lesson_id, _("A lesson that is not in the lesson pack: {id}").format(id=lesson_id))
        item = QListWidgetItem(title)
        item.setData(ID, lesson_id)
        self.plan.addItem(item)

    def _renumber(self) -> None:
        """Numbers in front of the plan; lessons already in it are greyed out on the left."""
        chosen = self.plan_ids()
        for i in range(self.plan.count()):
            item = self.plan.item(i)
            lesson_id = item.data(ID)
            item.setText(f"{i + 1}. " + self.titles.get(lesson_id, _("A lesson that is not in the lesson pack: "
                                                                     "{id}").format(id=lesson_id)))
        for i in range(self.lessons.count()):
            item = self.lessons.item(i)
            lesson_id = item.data(ID)
            in_plan = lesson_id in chosen
            flags = item.flags()
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled if in_plan else flags | Qt.ItemFlag.ItemIsEnabled)
            # a tick as well as the grey: colour is never the only sign
            item.setText(("✓ " if in_plan else "") + self.titles[lesson_id])
            item.setForeground(QColor(current_palette().disabled if in_plan else current_palette().text))

    def plan_ids(self) -> list[str]:
        return [self.plan.item(i).data(ID) for i in range(self.plan.count())]

    def add_lessons(self, lesson_ids: list[str] | None = None) -> None:
        if lesson_ids is None:
            item = self.lessons.currentItem()
            lesson_ids = [item.data(ID)] if item else []
        for lesson_id in lesson_ids:
            if lesson_id not in self.plan_ids():
                self._append(lesson_id)
        self._renumber()
        if self.lessons.currentRow() + 1 < self.lessons.count():  # the next lesson, ready to add
            self.lessons.setCurrentRow(self.lessons.currentRow() + 1)

    def remove_lesson(self) -> None:
        row = self.plan.currentRow()
        if row >= 0:
            self.plan.takeItem(row)
            self._renumber()

    def move_lesson(self, step: int) -> None:
        row = self.plan.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.plan.count():
            return
        item = self.plan.takeItem(row)
        self.plan.insertItem(target, item)
        self.plan.setCurrentRow(target)
        self._renumber()

    # ------------------------------------------------------------ learners
    def _members_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        find = QHBoxLayout()
        self.member_search = QLineEdit()
        self.member_search.setObjectName("cohort_member_search")
        self.member_search.setPlaceholderText(_("Search: name, village, phone or class"))
        self.member_search.setClearButtonEnabled(True)
        self.member_search.textChanged.connect(self._filter_members)
        self.member_search.installEventFilter(self)
        find.addWidget(self.member_search, 1)
        for name, text, state in (("members_all", _("Tick all shown"), Qt.CheckState.Checked),
                                  ("members_none", _("Tick none"), Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=state: self._tick_shown(s))
            find.addWidget(button)
        column.addLayout(find)
        self.members = QListWidget()
        self.members.setObjectName("cohort_members")
        current = member_ids(self.conn, self.cohort.id) if self.cohort else set()
        self.learners = roster(self.conn)
        tick_list(self.members)
        for learner in self.learners:
            self.members.addItem(tick_item(f"{learner.name}  ({learner.village})" if learner.village else learner.name,
                                           learner.id, learner.id in current))
        self.members.itemChanged.connect(lambda _i: self._count_members())
        column.addWidget(self.members, 1)
        self.member_count = label(role="muted")
        self.member_count.setObjectName("cohort_member_count")
        column.addWidget(self.member_count)
        self._count_members()
        return page

    def _filter_members(self, text: str) -> None:
        for item, learner in zip((self.members.item(i) for i in range(self.members.count())), self.learners,
                                 strict=True):
            item.setHidden(not learner.matches(text))

    def _tick_shown(self, state: Qt.CheckState) -> None:
        for i in range(self.members.count()):
            if not self.members.item(i).isHidden():
                self.members.item(i).setCheckState(state)

    def member_ids(self) -> list[str]:
        return [self.members.item(i).data(ID) for i in range(self.members.count())
                if self.members.item(i).checkState() == Qt.CheckState.Checked]

    def _count_members(self) -> None:
        n = len(self.member_ids())
        self.member_count.setText(ngettext("{n} learner in this class", "{n} learners in this class", n).format(n=n))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter in the search field only searches (it filters as one types): it must not save."""
        if (watched is self.member_search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ saving
    def save(self) -> None:
        dates = (self.starts_on.date().toString("yyyy-MM-dd"), self.ends_on.date().toString("yyyy-MM-dd")) \
            if self.has_dates.isChecked() else (None, None)
        try:
            if self.cohort is None:
                self.saved_id = create_cohort(self.conn, self.name.text(), self.plan_ids(), *dates,
                                              centre_id=centre_id(self.conn), known_lessons=self.curriculum.lessons)
            else:
                self.saved_id = self.cohort.id
                update_cohort(self.conn, self.cohort.id, self.name.text(), self.plan_ids(), *dates,
                              known_lessons=self.curriculum.lessons)
            set_members(self.conn, self.saved_id, self.member_ids(), shown=[x.id for x in self.learners])
        except RosterError as exc:
            self.problems.setText("\n".join(p.text() for p in exc.problems))
            fields = {p.field for p in exc.problems}
            self.tabs.setCurrentIndex(1 if fields == {"plan"} else 0)
            return
        except sqlite3.Error as exc:
            self.problems.setText(_("Nothing was saved: {reason}").format(reason=exc))
            return
        saved = get_cohort(self.conn, self.saved_id)
        self.saved_name = saved.name if saved else ""
        self.accept()
