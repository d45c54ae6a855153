"""A read-only Qt model over one of the dashboard's tables. Numbers are shown with Babel's
formatting for the current language; the CSV export writes the same values, unformatted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ecom_trainer.assess.dashboard import Table, Value, is_mastered
from ecom_trainer.i18n import format_number

Index = QModelIndex | QPersistentModelIndex
MASTERED, HALF, NOT_YET = QColor("#C8E6C9"), QColor("#FFF3C4"), QColor("#FFFFFF")


def display(value: Value) -> str:
    if value is None:
        return "–"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, max_decimals=2)
    return str(value)


class TableModel(QAbstractTableModel):
    def __init__(self, table: Table, mastery: bool = False) -> None:
        super().__init__()
        self.table, self.mastery = table, mastery

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's names)
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.table.short_headers or self.table.headers)[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.table.tips:
            return self.table.tips[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.mastery and index.column() >= 2:
            # a skill is two columns (rule, BKT); colour both by how many measures say mastered
            first = index.column() - (index.column() - 2) % 2
            row = self.table.rows[index.row()]
            rule, bkt = is_mastered(row[first], row[first + 1])
            return MASTERED if rule and bkt else HALF if rule or bkt else NOT_YET
        return None
