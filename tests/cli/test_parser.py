"""The parser of every sub-command: each is named as it is typed (the messages about it use that
name), and no option's value is read by Python's int()."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from diary import app
from diary.cli.common import PROG
from diary.cli.parser import add_commands


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _actions(sub)


def test_no_option_is_read_by_pythons_int() -> None:
    assert [a.dest for a in _actions(app.build_parser()) if a.type is int] == []


def _commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], object]]:
    """(the words typed, the command record) of every sub-command below `parser`."""
    command = parser.get_default("command")
    if command is not None:
        yield words, command
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*words, name))


def test_every_command_is_named_as_it_is_typed() -> None:
    parser = argparse.ArgumentParser(prog=PROG)
    add_commands(parser)
    found = dict(_commands(parser))
    assert {"today", "plan show", "plan taper", "log dose", "symptom unarchive",
            "history", "check", "where"} <= {" ".join(words) for words in found}
    for words, command in found.items():
        assert getattr(command, "name", None) == " ".join(words)
