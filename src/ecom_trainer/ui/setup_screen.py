"""First start of a real installation: the centre's name and a trainer PIN."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit

from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.centre import MAX_PIN, MIN_PIN, set_up_centre, valid_pin
from ecom_trainer.ui.screen import Screen
from ecom_trainer.ui.widgets import label, primary_button


class SetupScreen(Screen):
    done = Signal()

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.conn = conn
        for button in (self.nav.home_button, self.nav.back_button):
            button.hide()
        self.nav.set_title(_("Welcome! Set up this training centre"))
        form = QFormLayout()
        self.centre = QLineEdit()
        self.centre.setObjectName("centre_name")
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin_again = QLineEdit()
        self.pin_again.setObjectName("pin_again")
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(MAX_PIN)
        form.addRow(label(_("Name of the centre")), self.centre)
        form.addRow(label(_("Trainer PIN ({low}–{high} digits)").format(low=MIN_PIN, high=MAX_PIN)), self.pin)
        form.addRow(label(_("The same PIN again")), self.pin_again)
        self.body.addLayout(form)
        self.message = label(role="muted")
        self.message.setObjectName("setup_message")
        self.body.addWidget(self.message)
        save = primary_button(_("Save and start"), "check")
        save.setObjectName("setup_save")
        save.clicked.connect(self.save)
        self.body.addWidget(save)
        self.body.addStretch(1)

    def save(self) -> None:
        name, pin = self.centre.text().strip(), self.pin.text()
        if not name:
            self.message.setText(_("Please type the name of the centre."))
        elif not valid_pin(pin):
            self.message.setText(_("The PIN must be {low} to {high} digits.").format(low=MIN_PIN, high=MAX_PIN))
        elif pin != self.pin_again.text():
            self.message.setText(_("The two PINs are not the same. Please type them again."))
        else:
            set_up_centre(self.conn, name, pin)
            self.done.emit()

    def help_text(self) -> str:
        return _("The trainer PIN protects the trainer pages. Learners do not need it.")
