"""Sizes and colours for older eyes (MIIT 2021 age-friendly standard, WCAG 2.2 AAA).

Body text >= 18 pt, main buttons >= 60 x 60 px, other targets >= 44 x 44 px, text contrast >= 7:1.
The numbers live here once; tests measure the real widgets against them.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from ecom_trainer.paths import resources_dir

BODY_PT = 20
TITLE_PT = 30
BUTTON_PT = 22
MAIN_ACTION_PT = 23  # the green button's words: 23 pt is 31 px at 96 dpi (main action text >= 30 px)
LEAD_PT = 26  # the text of a lesson step
PROMPT_PT = 22  # a question: bold, so it stands out without taking the room its answers need
NAV_TITLE_PT = 24  # the screen title in the navigation bar: it shares a row with four buttons,
# so it grows to 150 % at most (the title is also read aloud; the content grows fully)
SMALL_PT = 18  # the smallest text a learner ever sees
MAIN_BUTTON_PX = 64
TARGET_PX = 48
# WenQuanYi Micro Hei first: it covers CJK and keeps the text layer in PDFs (Noto Sans CJK does not).
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
                 "DejaVu Sans"]


class Palette(NamedTuple):  # not a dataclass: creating one costs ~1 ms at start-up
    name: str
    window: str
    text: str
    muted: str  # secondary text, still >= 7:1 on window
    panel: str
    primary: str
    on_primary: str
    border: str
    right: str
    wrong: str
    focus: str
    selected: str
    disabled: str  # text of controls that cannot be used now: visibly quieter than enabled ones
    # (with a dashed border), still >= 7:1: a learner reads what "Check my answer" will do
    # before it can be tapped


DEFAULT = Palette("default", window="#FFF8E1", text="#1A1A1A", muted="#3A3A3A", panel="#FFFFFF",
                  primary="#1B5E20", on_primary="#FFFFFF", border="#37474F", right="#1B5E20",
                  wrong="#A31515", focus="#0D47A1", selected="#E3F2FD", disabled="#4D4D4D")
HIGH_CONTRAST = Palette("high_contrast", window="#000000", text="#FFFFFF", muted="#FFFF00",
                        panel="#000000", primary="#FFFF00", on_primary="#000000", border="#FFFFFF",
                        right="#7CFC00", wrong="#FF8080", focus="#00FFFF", selected="#003366",
                        disabled="#B0B0B0")
PALETTES = {p.name: p for p in (DEFAULT, HIGH_CONTRAST)}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio between two #RRGGBB colours."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Every text/background pair the learner screens use."""
    return {
        "body": (p.text, p.window), "muted": (p.muted, p.window), "panel": (p.text, p.panel),
        "button": (p.on_primary, p.primary), "right": (p.right, p.panel),
        "wrong": (p.wrong, p.panel), "selected": (p.text, p.selected),
        "disabled": (p.disabled, p.panel), "disabled on window": (p.disabled, p.window),
    }


# The date fields' calendar button is a target, not Qt's sliver; its subcontrol is sized only
# once the field itself is styled, hence the QDateEdit rules below.
_DOWN_ARROW = (resources_dir() / "icons" / "down.svg").as_posix()
# Icons the stylesheet gives to buttons by their `icon_name` property (widgets.set_icon): those on
# the learner picker that never turn right to left. Only in the default theme: the high-contrast
# theme recolours its icons, which Python does.
STYLESHEET_ICONS = ("listen", "help", "home", "lock")


def stylesheet_icons(p: Palette) -> tuple[str, ...]:
    """The icons this palette's stylesheet gives (the one place that decides it)."""
    return STYLESHEET_ICONS if p is DEFAULT else ()


def _icon_rules(p: Palette) -> str:
    folder = resources_dir() / "icons"
    return "\n".join(f'    QAbstractButton[icon_name="{name}"] {{ qproperty-icon: url("{(folder / name).as_posix()}.svg"); }}'
                     for name in stylesheet_icons(p))


def stylesheet(p: Palette, scale: float = 1.0) -> str:
    def pt(size: int) -> str:
        return f"{round(size * scale)}pt"

    return f"""
    QWidget {{ background: {p.window}; color: {p.text}; font-size: {pt(BODY_PT)}; }}
    QLabel {{ background: transparent; }}
    QCheckBox {{ spacing: 12px; }}
    QCheckBox::indicator, QListWidget::indicator {{ width: 28px; height: 28px; }}
    QDateEdit {{ background: {p.panel}; border: 3px solid {p.border}; border-radius: 8px; padding: 4px 8px; }}
    QDateEdit:disabled {{ color: {p.disabled}; border-color: {p.disabled}; }}
    QDateEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 48px;
        border-left: 2px solid {p.border}; background: #FFFFFF; }}
    QDateEdit::down-arrow {{ image: url({_DOWN_ARROW}); width: 28px; height: 28px; }}
    QLabel[role="title"] {{ font-size: {pt(TITLE_PT)}; font-weight: bold; }}
    QLabel[align="centre"] {{ qproperty-alignment: AlignCenter; }}
    QLabel[role="navtitle"] {{ font-size: {round(NAV_TITLE_PT * min(scale, 1.5))}pt; font-weight: bold; }}
    QLabel[role="lead"] {{ font-size: {pt(LEAD_PT)}; }}
    QLabel[role="muted"] {{ color: {p.muted}; font-size: {pt(SMALL_PT)}; }}
    QLabel[role="prompt"] {{ font-size: {pt(PROMPT_PT)}; font-weight: bold; }}
    QLabel[role="right"] {{ color: {p.right}; font-weight: bold; font-size: {pt(NAV_TITLE_PT)}; }}
    QLabel[role="wrong"] {{ color: {p.wrong}; font-weight: bold; font-size: {pt(NAV_TITLE_PT)}; }}
    QFrame[role="panel"] {{ background: {p.panel}; border: 3px solid {p.border}; border-radius: 12px; }}
    QFrame[role="panel"] QLabel {{ background: {p.panel}; }}
    QPushButton, QToolButton {{
        background: {p.panel}; color: {p.text}; border: 3px solid {p.border};
        border-radius: 12px; padding: 8px 16px; font-size: {pt(BUTTON_PT)};
        min-height: {TARGET_PX}px; min-width: {TARGET_PX}px;
    }}
    QPushButton:checked, QToolButton:checked {{ background: {p.selected}; border: 6px solid {p.focus}; }}
    QPushButton:focus, QToolButton:focus {{ outline: none; border-color: {p.focus}; }}
    QPushButton:disabled, QToolButton:disabled {{ color: {p.disabled}; border-color: {p.disabled};
        border-style: dashed; }}
    QPushButton[tile="yes"] {{ padding: 0px; min-height: {MAIN_BUTTON_PX}px; }}
    QPushButton[role="primary"] {{
        background: {p.primary}; color: {p.on_primary}; font-weight: bold; font-size: {pt(MAIN_ACTION_PT)};
        min-height: {MAIN_BUTTON_PX}px; min-width: {MAIN_BUTTON_PX * 2}px;
        padding: {"2px 12px" if scale >= 2 else "8px 16px"};
    }}
    QPushButton[role="primary"]:disabled {{ background: {p.panel}; color: {p.disabled}; }}
    QPushButton[role="nav"] {{ min-height: {MAIN_BUTTON_PX}px; min-width: {MAIN_BUTTON_PX}px;
        padding: {"2px 4px" if scale >= 1.5 else "8px 16px"}; }}
    QLineEdit {{ background: {p.panel}; color: {p.text}; border: 3px solid {p.border};
        border-radius: 8px; padding: 6px; min-height: {MAIN_BUTTON_PX}px; font-size: {pt(TITLE_PT)}; }}
    QLineEdit:focus {{ border-color: {p.focus}; }}
    QProgressBar {{ border: 2px solid {p.border}; border-radius: 6px; background: {p.panel};
        min-height: 16px; max-height: 16px; text-align: center; font-size: 1pt; }}
    QProgressBar::chunk {{ background: {p.primary}; }}
    QTableWidget, QListWidget {{ background: {p.panel}; font-size: {pt(SMALL_PT)}; }}
    QHeaderView::section {{ background: {p.window}; font-size: {pt(SMALL_PT)}; padding: 4px; }}
    QScrollArea {{ border: none; }}
{_icon_rules(p)}
    """


TEXT_SCALES = (1.0, 1.5, 2.0)
_current_scale = 1.0
_current_palette = DEFAULT


def current_palette() -> Palette:
    return _current_palette


def text_scale() -> float:
    """The text size chosen for this centre (1.0, 1.5 or 2.0)."""
    return _current_scale


def large_text() -> bool:
    """From 150 % on, screens trade chrome for room: icon-only navigation, tighter spacing."""
    return _current_scale >= 1.5


def trainer_text_size(widget: QWidget) -> None:
    """Trainer pages keep the normal text size: 150 and 200 % are chosen for the learner screens,
    and at 200 % the dashboard needed 1,885 px of width. A widget's own style sheet outranks the
    application's for it and everything inside it (its dialogs too); the colours stay the theme's."""
    if _current_scale != 1.0:
        widget.setStyleSheet(stylesheet(_current_palette, 1.0))


def apply_theme(app: QApplication, palette_name: str = "default", scale: float = 1.0) -> Palette:
    global _current_scale, _current_palette
    _current_scale = scale if scale in TEXT_SCALES else 1.0
    scale = _current_scale
    palette = _current_palette = PALETTES.get(palette_name, DEFAULT)
    font = QFont()
    # A fallback list, resolved lazily by Qt: enumerating the font database costs ~10 ms at start.
    # Only here, not also as `font-family` in the stylesheet: there Qt resolved the whole list
    # again for every widget it polished (~8 ms more for the picker's forty widgets).
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_PT * scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(palette, scale))
    return palette
