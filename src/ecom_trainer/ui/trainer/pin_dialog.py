"""The trainer's door: a PIN, checked against its scrypt hash. Five wrong PINs lock it a minute."""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.centre import verify_pin
from ecom_trainer.ui.widgets import label

MAX_TRIES, LOCK_SECONDS = 5, 60


class PinDialog(QDialog):
    failures = 0  # shared by every dialog of this run: closing and reopening does not reset it
    locked_until = 0.0

    def __init__(self, conn: sqlite3.Connection, parent=None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.setWindowTitle(_("Trainer"))
        box = QVBoxLayout(self)
        box.addWidget(label(_("Trainer PIN")))
        self.pin = QLineEdit()
        self.pin.setObjectName("trainer_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("Trainer PIN"))
        box.addWidget(self.pin)
        self.message = label(role="muted")
        box.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_pin)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def try_pin(self) -> None:
        wait = PinDialog.locked_until - time.monotonic()
        if wait > 0:
            self.message.setText(_("Too many wrong PINs. Try again in {seconds} seconds.").format(seconds=int(wait) + 1))
            return
        if verify_pin(self.conn, self.pin.text()):
            PinDialog.failures = 0
            self.accept()
            return
        PinDialog.failures += 1
        self.pin.clear()
        if PinDialog.failures >= MAX_TRIES:
            PinDialog.failures = 0
            PinDialog.locked_until = time.monotonic() + LOCK_SECONDS
            self.message.setText(_("Too many wrong PINs. Try again in {seconds} seconds.").format(seconds=LOCK_SECONDS))
        else:
            self.message.setText(_("That PIN is not right."))
