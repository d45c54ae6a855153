"""The trainer's door: a PIN, checked against its scrypt hash. Five wrong PINs lock it a minute;
the count and the lock are kept in the database (store/centre.py), so a restart does not open it."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import ngettext
from ecom_trainer.store.centre import pin_locked_for, try_pin
from ecom_trainer.ui.widgets import label


class PinDialog(QDialog):
    def __init__(self, conn: sqlite3.Connection, parent=None, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.conn, self.clock = conn, clock
        self.setWindowTitle(_("Trainer"))
        box = QVBoxLayout(self)
        box.addWidget(label(_("Trainer PIN")))
        self.pin = QLineEdit()
        self.pin.setObjectName("trainer_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("Trainer PIN"))
        box.addWidget(self.pin)
        self.message = label(role="muted")
        self.message.setObjectName("pin_message")
        box.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        # Qt's own words are English unless its translations are loaded, and there are none for
        # a language added with catalogs alone (ug)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.try_pin)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.countdown = QTimer(self)  # while locked: the seconds count down, then the door opens
        self.countdown.timeout.connect(self._show_lock)
        self._show_lock()

    def _show_lock(self) -> None:
        wait = pin_locked_for(self.conn, self.clock)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not wait)
        self.pin.setEnabled(not wait)
        if wait:
            self.message.setText(self._locked_text(wait))
            if not self.countdown.isActive():
                self.countdown.start(1000)
        elif self.countdown.isActive():
            self.countdown.stop()
            self.message.setText(_("You can type the PIN again."))
            self.pin.setFocus()

    @staticmethod
    def _locked_text(seconds: int) -> str:
        return _("Too many wrong PINs. Try again in {seconds} seconds.").format(seconds=seconds)

    def try_pin(self) -> None:
        check = try_pin(self.conn, self.pin.text(), self.clock)
        self.pin.clear()
        if check.ok:
            self.accept()
        elif check.locked_for:
            self.message.setText(self._locked_text(check.locked_for))
            self._show_lock()
        else:
            self.message.setText(ngettext("That PIN is not right. {n} more try before a one-minute wait.",
                                          "That PIN is not right. {n} more tries before a one-minute wait.",
                                          check.tries_left).format(n=check.tries_left))
