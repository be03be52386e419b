"""One way for a test to answer the window's questions: `dialog_answers` replaces the dialog
seam (diary.ui.widgets.dialogs), answers each question from a queue, in order, and records every
question, error and notice shown. The three path choosers (a file to open, a file to save, a
folder) answer from a queue of their own (`choose`: a path, or None for Cancel) and record what
they were asked (`chosen`). A question or a chooser with no answer queued fails the test, as any
real dialog does (tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest

OPEN, SAVE, FOLDER = "open", "save", "folder"  # the three path choosers


@dataclass(frozen=True)
class Question:
    title: str
    text: str
    yes: str = "Yes"
    no: str = "No"
    default_yes: bool = False


@dataclass(frozen=True)
class PathQuestion:
    """What a path chooser was asked: which one (OPEN, SAVE or FOLDER), its title, where it
    starts (the folder, or for SAVE the suggested file) and its file filters ("" for FOLDER)."""

    chooser: str
    title: str
    start: Path
    filters: str = ""

    @property
    def suggested(self) -> str:
        """The name the save chooser suggests (the last part of `start`)."""
        return self.start.name


@dataclass
class DialogAnswers:
    replies: list[bool | None] = field(default_factory=list)
    asked: list[Question] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the text of each question, as asked
    errors: list[tuple[str, str]] = field(default_factory=list)
    error_texts: list[str] = field(default_factory=list)  # the text of each error, as shown
    notices: list[tuple[str, str]] = field(default_factory=list)
    notice_texts: list[str] = field(default_factory=list)  # the text of each notice, as shown
    fallback: bool | None = None  # the answer once the queue is empty (None: fail the test)
    paths: list[Path | None] = field(default_factory=list)  # the choosers' answers, in order
    chosen: list[PathQuestion] = field(default_factory=list)  # what each chooser was asked

    def queue(self, *replies: bool | None) -> DialogAnswers:
        """Answer the next questions with `replies`, in order (True: yes / "I took it")."""
        self.replies.extend(replies)
        return self

    def always(self, reply: bool) -> DialogAnswers:
        """Answer every question with `reply`, however many are asked."""
        self.fallback = reply
        return self

    def choose(self, *paths: Path | None) -> DialogAnswers:
        """Answer the next path choosers, whichever they are, with `paths`, in order (None:
        the person pressed Cancel)."""
        self.paths.extend(paths)
        return self

    def _next(self, question: Question) -> bool | None:
        self.asked.append(question)
        self.texts.append(question.text)
        if self.replies:
            return self.replies.pop(0)
        if self.fallback is not None:
            return self.fallback
        raise AssertionError(f"a question no answer was queued for: {question.title}")

    def _path(self, question: PathQuestion) -> Path | None:
        self.chosen.append(question)
        if self.paths:
            return self.paths.pop(0)
        raise AssertionError(f"a path chooser no path was queued for: {question.title}")

    def ask_yes_no(self, parent: object, title: str, text: str, *, yes: str = "Yes",
                   no: str = "No", default_yes: bool = False) -> bool:
        return bool(self._next(Question(title, text, yes, no, default_yes)))

    def ask_what_happened(self, parent: object, title: str, text: str, *, taken: str,
                          not_taken: str) -> bool | None:
        return self._next(Question(title, text, taken, not_taken))

    def show_error(self, parent: object, title: str, text: str) -> None:
        self.errors.append((title, text))
        self.error_texts.append(text)

    def show_info(self, parent: object, title: str, text: str) -> None:
        self.notices.append((title, text))
        self.notice_texts.append(text)

    def choose_open_path(self, parent: object, title: str, folder: Path,
                         filters: str | None = None) -> Path | None:
        from diary.ui.widgets.dialogs import DIARY_FILTER

        shown = DIARY_FILTER if filters is None else filters
        return self._path(PathQuestion(OPEN, title, folder, shown))

    def choose_save_path(self, parent: object, title: str, suggestion: Path,
                         filters: str | None = None) -> Path | None:
        from diary.ui.widgets.dialogs import DIARY_FILTER

        shown = DIARY_FILTER if filters is None else filters
        return self._path(PathQuestion(SAVE, title, suggestion, shown))

    def choose_folder(self, parent: object, title: str, folder: Path) -> Path | None:
        return self._path(PathQuestion(FOLDER, title, folder))


SEAM = ("ask_yes_no", "ask_what_happened", "show_error", "show_info", "choose_open_path",
        "choose_save_path", "choose_folder")


@pytest.fixture
def dialog_answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[DialogAnswers]:
    from diary.ui.widgets import dialogs

    answers = DialogAnswers()
    for name in SEAM:
        monkeypatch.setattr(dialogs, name, getattr(answers, name))
    yield answers
