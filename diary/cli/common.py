"""What every sub-command shares: the command records and their parsers (each command's name written
once), the refusal error, times and amounts as the command line prints them (text and JSON)."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo
from pathlib import Path
from typing import TypeAlias
from typing import TypeVar

from diary.domain.daytime import check_moment
from diary.domain.daytime import fixed
from diary.domain.daytime import parse_date
from diary.domain.daytime import parse_when
from diary.domain.entities import EVENT_KIND_LABELS
from diary.domain.entities import Event
from diary.domain.entities import Intake
from diary.domain.entities import Medication
from diary.domain.entities import Rating
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.units import parse_amount
from diary.domain.wording import clock_text
from diary.storage import NotFoundError
from diary.storage.store import DiaryStore

PROG = "medication-diary"

Clock = Callable[[], datetime]
T = TypeVar("T")


class CommandError(Exception):
    """A sub-command refuses to go on; the message is the one line shown to the user, after the
    program's name and `label` ("error", or "refused" for a dose a safety rule stops)."""

    def __init__(self, message: str, *, label: str = "error") -> None:
        super().__init__(message)
        self.label = label


@dataclass(frozen=True)
class DiaryCommand:
    """A sub-command that works on the open diary. `writes` ones are refused with --read-only."""

    name: str
    run: Callable[[DiaryStore, argparse.Namespace, datetime], int]
    writes: bool = False
    checks: bool = False  # runs the full check itself: the open leaves it out (`check`)


@dataclass(frozen=True)
class PathCommand:
    """A sub-command that works on the diary's file without opening it first (a restore must
    work on a diary too damaged to open)."""

    name: str
    run: Callable[[Path, argparse.Namespace, datetime], int]
    writes: bool = True


@dataclass(frozen=True)
class FileCommand:
    """A sub-command that does not open the diary (it writes a file of its own)."""

    name: str
    run: Callable[[argparse.Namespace, Clock], int]


# --- values as typed ---------------------------------------------------------------------------
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: no "1_0", no "٧", no "²"
_WHOLE_DIGITS_MAX = 18


def parse_whole(text: str, field: str = "number") -> int:
    """The one reading of a whole number on the command line (scores, counts, days, steps, seeds,
    scales, step ids): the digits 0-9, with a minus sign for the range checks to refuse.
    Python's int() would also take "1_0" (10) and other scripts' digits ("٧" is 7)."""
    cleaned = text.strip()
    if not _WHOLE.fullmatch(cleaned):
        raise ValidationError(field, f"{cleaned!r} is not a whole number")
    if len(cleaned.lstrip("-")) > _WHOLE_DIGITS_MAX:
        raise ValidationError(field, f"{cleaned} is too large")
    return int(cleaned)


def option_type(parse: Callable[[str], T]) -> Callable[[str], T]:
    """An argparse `type` from a parser that raises ValidationError. A value not written as its
    kind (a number, a date, a time of day) is then a usage error like any other, in the same
    single line: "argument --days: 'abc' is not a whole number", exit status 2."""

    def convert(text: str) -> T:
        try:
            return parse(text)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    convert.__name__ = getattr(parse, "__name__", "value")
    return convert


whole_number = option_type(parse_whole)


def amount_for(text: str, unit: Unit, field: str) -> int:
    """An amount typed for an option, in `unit`; the error names the option."""
    with as_options({"amount": field}):
        return parse_amount(text, unit)


@contextlib.contextmanager
def as_options(names: Mapping[str, str]) -> Iterator[None]:
    """Domain ValidationErrors about the fields in `names` reported under the option the value
    came from ("--days: ...", not "days: ..."), in the command line's words ("none", not
    "empty", clears a value there)."""
    try:
        yield
    except ValidationError as exc:
        option = names.get(exc.field)
        if option is None:
            raise
        message = re.sub(r", or (left )?empty$", ", or none", exc.message)
        raise ValidationError(option, message) from None


def typed(name: str) -> str:
    """A name as it is typed in a command: in double quotes when it holds a space."""
    return f'"{name.strip()}"' if any(c.isspace() for c in name.strip()) else name.strip()


# --- finding a medication by name -----------------------------------------------------------------
def medications_named(store: DiaryStore, name: str) -> list[Medication]:
    """Every medication, active or archived, called `name` (any case) or whose id is "#ID"."""
    key = name.strip().casefold()
    return [m for m in store.medications.all(include_archived=True)
            if key in (m.name.casefold(), f"#{m.id}")]


def medication_named(store: DiaryStore, name: str, *, archived_ok: bool = False) -> Medication:
    """The active medication of that name. An archived one is returned when `archived_ok` (its
    plan and history are still there to show); otherwise it is refused, saying how to bring it
    back."""
    found = medications_named(store, name)
    active = [m for m in found if m.archived_at is None]
    if active:
        return active[0]
    if found and archived_ok:
        return found[-1]
    if found:
        raise CommandError(f"the medication {name.strip()!r} is archived; bring it back with "
                           f"'medication unarchive {typed(name)}' first")
    known = ", ".join(m.name for m in store.medications.all()) or "none yet"
    raise NotFoundError(f"no medication named {name.strip()!r} (known: {known})")


def from_to(start: date | None, end: date | None, today: date, days: int) -> tuple[date, date]:
    """--from and --to of `history` and `report`: as given, by default the last `days` diary
    days to today; refused, in one wording, when --from is after --to."""
    end = end if end is not None else today
    start = start if start is not None else end - timedelta(days=days - 1)
    if start > end:
        raise ValidationError("--from", f"{start} is after --to {end}; the range would be empty")
    return start, end


def moment(text: str | None, now: datetime) -> datetime:
    """WHEN as typed for --at ("HH:MM" or ISO 8601), or now; never in the future."""
    with as_options({"time": "--at"}):
        at = fixed(now) if text is None else parse_when(text, now)
        return check_moment(at, now)


def iso(at: datetime) -> str:
    """ISO 8601 to the second, with the UTC offset the entry was made in."""
    return at.isoformat(timespec="seconds")


def zone(now: datetime) -> tzinfo:
    """The local zone the clock's "now" is in (the system's, or the test's)."""
    if now.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    return now.tzinfo


def stamp(at: datetime) -> str:
    """'2026-11-26 08:05 +01:00': the date, time and offset a person reads in a list."""
    offset = at.strftime("%z")
    return f"{at:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def amount_json(thousandths: int, unit: Unit) -> dict[str, object]:
    """An amount in JSON: the exact integer (thousandths of the unit) and how it reads."""
    return {"thousandths": thousandths, "display": format_amount(thousandths, unit)}


def max_daily_json(med: Medication) -> dict[str, object] | None:
    """A medication's max per day in JSON (`amount_json`); None when it has none."""
    return None if med.max_daily is None else amount_json(med.max_daily, med.unit)


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def rows_text(counts: Mapping[str, int]) -> str:
    """'medications 2, plan steps 1, ...': a diary's row counts, table by table, as `check`,
    `backup` and `restore` print them."""
    return ", ".join(f"{table.replace('_', ' ')} {count}" for table, count in counts.items())


# --- entries as JSON, the same shape in `today` and `history` -----------------------------------
def _entry_json(kind: str, entry_id: int | None, at: datetime) -> dict[str, object]:
    """What every entry starts with: its type ("dose", "rating", "event"), its id, its time."""
    return {"type": kind, "id": entry_id, "at": iso(at)}


def intake_json(intake: Intake, med: Medication) -> dict[str, object]:
    return {
        **_entry_json("dose", intake.id, intake.at),
        "medication_id": intake.medication_id,
        "medication": med.name,
        "amount": amount_json(intake.amount, med.unit),
        "status": intake.status.value,
        "slot": None if intake.slot is None else {
            "day": intake.slot.day.isoformat(), "time": clock_text(intake.slot.time)},
        "note": intake.note,
    }


def rating_json(rating: Rating, symptom: Symptom) -> dict[str, object]:
    return {
        **_entry_json("rating", rating.id, rating.at),
        "symptom_id": rating.symptom_id,
        "symptom": symptom.name,
        "score": rating.score,
        "scale_max": symptom.scale_max,
        "note": rating.note,
    }


def event_json(event: Event) -> dict[str, object]:
    return {
        **_entry_json("event", event.id, event.at),
        "kind": event.kind.value,
        "label": EVENT_KIND_LABELS[event.kind],
        "text": event.text,
    }


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# --- sub-commands as typed -----------------------------------------------------------------------
def actions_of(commands: Commands, name: str, *, help: str, description: str,
               title: str = "actions", metavar: str = "ACTION") -> Commands:
    """A sub-command made of actions ('plan add', 'log dose'), one of which must be given: what
    its actions are added to."""
    parser = commands.add_parser(name, help=help, description=description)
    return parser.add_subparsers(title=title, metavar=metavar, required=True)


def diary_command(commands: Commands, name: str,
                  run: Callable[[DiaryStore, argparse.Namespace, datetime], int], *, help: str,
                  description: str, writes: bool = False,
                  checks: bool = False) -> argparse.ArgumentParser:
    """The parser of a sub-command that works on the open diary, its name written once: `name`
    is the command as typed ('history', 'plan show': the last word is this parser's) and as the
    messages about it name it ("'plan add' changes the diary, which is open read-only")."""
    parser = commands.add_parser(name.rsplit(" ", 1)[-1], help=help, description=description)
    parser.set_defaults(command=DiaryCommand(name, run, writes, checks))
    return parser


def json_option(parser: argparse.ArgumentParser) -> None:
    """--json, the same on every command that prints what the diary holds."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


# Values whose form argparse checks, so that one not written as a number, a date or an id is a
# usage error (exit status 2, one line naming the option) on every command alike.
DATE = option_type(parse_date)
STEP_ID = option_type(lambda text: parse_whole(text.strip().removeprefix("#")))

WHEN_HELP = ('when it happened: "HH:MM" (today\'s or yesterday\'s, whichever is nearer: 23:00 '
             'typed after midnight is last night) or ISO 8601 such as 2026-11-26T08:00; default '
             'now')
