"""One way for a test to answer the window's questions: `dialog_answers` replaces the dialog
seam (diary.ui.widgets.dialogs), answers each question from a queue, in order, and records every
question, error and notice shown. A question with no answer queued fails the test, as any real
dialog does (tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest


@dataclass(frozen=True)
class Question:
    title: str
    text: str
    yes: str = "Yes"
    no: str = "No"
    default_yes: bool = False


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

    def queue(self, *replies: bool | None) -> DialogAnswers:
        """Answer the next questions with `replies`, in order (True: yes / "I took it")."""
        self.replies.extend(replies)
        return self

    def always(self, reply: bool) -> DialogAnswers:
        """Answer every question with `reply`, however many are asked."""
        self.fallback = reply
        return self

    def _next(self, question: Question) -> bool | None:
        self.asked.append(question)
        self.texts.append(question.text)
        if self.replies:
            return self.replies.pop(0)
        if self.fallback is not None:
            return self.fallback
        raise AssertionError(f"a question no answer was queued for: {question.title}")

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


@pytest.fixture
def dialog_answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[DialogAnswers]:
    from diary.ui.widgets import dialogs

    answers = DialogAnswers()
    for name in ("ask_yes_no", "ask_what_happened", "show_error", "show_info"):
        monkeypatch.setattr(dialogs, name, getattr(answers, name))
    yield answers
