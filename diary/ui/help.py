"""The words of Help: the About box (with the not-medical-advice statement) and the shortcuts."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

NOT_MEDICAL_ADVICE = (
    "Medication Diary records and informs; it is not medical advice. Your plan is your "
    "prescriber's: talk to them before changing a dose. Do not stop baclofen abruptly."
)

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1, Ctrl+2, Ctrl+3", "Today, History, Medications"),
    ("Enter (on a dose)", "Mark the focused dose taken now"),
    ("Ctrl+D", "Log an as-needed dose"),
    ("Ctrl+R", "Go to the symptom ratings"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / Redo"),
    ("Ctrl+N / Ctrl+O", "New diary / Open a diary"),
    ("Ctrl+Shift+O", "Open a diary read-only"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
)


def program_version() -> str:
    try:
        return version("medication-diary")
    except PackageNotFoundError:
        return "unknown"


def about_text() -> str:
    return (
        f"Medication Diary {program_version()}\n\n"
        "A private diary of medication doses and symptom ratings. Everything stays on this "
        "computer, in one file; the program never uses the network.\n\n"
        f"{NOT_MEDICAL_ADVICE}"
    )


def shortcuts_text() -> str:
    width = max(len(keys) for keys, _ in SHORTCUTS)
    return "\n".join(f"{keys.ljust(width)}   {what}" for keys, what in SHORTCUTS)
