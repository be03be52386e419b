"""`medication add / list / edit / archive / unarchive`: the medications of a diary from the
command line. A name that matches a label template (baclofen, tizanidine, diazepam or a brand name)
takes the label's figures as editable defaults, and the output says which were used."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import amount_for
from diary.cli.common import as_options
from diary.cli.common import diary_command
from diary.cli.common import iso
from diary.cli.common import json_option
from diary.cli.common import max_daily_json
from diary.cli.common import medication_named
from diary.cli.common import medications_named
from diary.cli.common import option_type
from diary.cli.common import print_json
from diary.cli.common import typed
from diary.cli.plan import add_lower_dose
from diary.cli.plan.steps import over_max_warning
from diary.cli.plan.steps import refuse_dose_cut
from diary.domain.daytime import local_day
from diary.domain.durations import duration_text
from diary.domain.durations import parse_duration as _parse_duration
from diary.domain.entities import Medication
from diary.domain.errors import ValidationError
from diary.domain.looks import COLOUR_NAMES
from diary.domain.looks import SHAPE_NAMES
from diary.domain.looks import Colour
from diary.domain.looks import Shape
from diary.domain.templates import TEMPLATES
from diary.domain.templates import MedicationTemplate
from diary.domain.templates import find_template
from diary.domain.templates import medication_for_name
from diary.domain.templates import taper_off_warning
from diary.domain.units import Unit
from diary.domain.units import format_amount
from diary.domain.units import parse_unit
from diary.domain.wording import max_daily_text
from diary.domain.wording import plural
from diary.storage.store import DiaryStore

NONE = "none"  # typed for --max-daily or --min-interval: no maximum, no minimum interval
AUTO = "auto"  # typed for --colour or --shape: the one the medication's id gives

# The medication's fields as the options that set them, for the domain's messages.
OPTION_OF_FIELD = {
    "unit": "--unit",
    "form": "--form",
    "max daily amount": "--max-daily",
    "minimum interval": "--min-interval",
    "notes": "--note",
}


# --- values as typed -----------------------------------------------------------------------------
def parse_duration(text: str, field: str = "--min-interval") -> int:
    """Minutes from "6h", "90min", "4h30", "1h 30min" or plain minutes ("240")."""
    return _parse_duration(text, field)


def _optional_amount(text: str, unit: Unit) -> int | None:
    return None if text.strip().lower() == NONE else amount_for(text, unit, "--max-daily")


def _optional_duration(text: str) -> int | None:
    return None if text.strip().lower() == NONE else parse_duration(text)


def _look_part(names: Mapping[str, str], field: str) -> Callable[[str], str]:
    """An argparse type for --colour or --shape: one of `names`' values ("vermilion") or the
    name the window shows for it ("red"), in any case, or "auto"; given back as the value, or
    AUTO."""
    def parse(text: str) -> str:
        typed_text = " ".join(text.split()).casefold()
        if typed_text == AUTO:
            return AUTO
        for value, name in names.items():
            if typed_text in (value, name.casefold()):
                return value
        raise ValidationError(field, f"{text.strip()!r} is not one of {_choices(names)}")

    parse.__name__ = field
    return option_type(parse)


def _choices(names: Mapping[str, str]) -> str:
    """'blue, ..., sky (sky blue), vermilion (red), ... or auto'."""
    listed = [value if name.casefold() == value else f"{value} ({name.lower()})"
              for value, name in names.items()]
    return f"{', '.join(listed)} or {AUTO}"


COLOURS = {colour.value: COLOUR_NAMES[colour] for colour in Colour}
SHAPES = {shape.value: SHAPE_NAMES[shape] for shape in Shape}


# --- how a medication reads ---------------------------------------------------------------------
def describe(med: Medication) -> str:
    """'mg, tablet, max 80 mg/day, no minimum interval, taper required'."""
    parts = [med.unit.value, *([med.form] if med.form else [])]
    parts.append(max_daily_text(med))
    interval = med.min_interval_minutes
    parts.append("no minimum interval" if interval is None
                 else f"at least {duration_text(interval)} between doses")
    parts.append("taper required" if med.taper_required else "no taper required")
    parts.append(f"look: {look_text(med)}")
    return ", ".join(parts)


def look_text(med: Medication) -> str:
    """'green capsule', 'blue round (automatic)', 'green round (shape automatic)'."""
    automatic = [part for part, chosen in (("colour", med.colour), ("shape", med.shape))
                 if chosen is None]
    said = ("" if not automatic else " (automatic)" if len(automatic) == 2
            else f" ({automatic[0]} automatic)")
    return med.look.describe() + said


def medication_json(med: Medication) -> dict[str, object]:
    return {
        "id": med.id,
        "name": med.name,
        "unit": med.unit.value,
        "form": med.form,
        "max_daily": max_daily_json(med),
        "min_interval_minutes": med.min_interval_minutes,
        "taper_required": med.taper_required,
        "notes": med.notes,
        "archived_at": None if med.archived_at is None else iso(med.archived_at),
        # What the window shows; `chosen`: picked by the person (colour, shape or both), not
        # only taken from the medication's id.
        "look": {"colour": med.look.colour.value, "shape": med.look.shape.value,
                 "chosen": med.colour is not None or med.shape is not None},
    }


# --- medication add ------------------------------------------------------------------------------
def medication_add(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    template = find_template(args.name)
    with as_options(OPTION_OF_FIELD):
        unit = parse_unit(args.unit) if args.unit is not None else None
    if template is not None:
        if not args.separate:
            _refuse_same_medication(store, args.name, template)
        med, defaults = _from_template(args.name, template, unit)
    elif unit is not None:
        med, defaults = Medication(args.name, unit, form=""), {}
    else:
        units = ", ".join(u.value for u in Unit)
        raise CommandError(f"--unit is needed: {args.name.strip()!r} matches no medication "
                           f"template ({', '.join(sorted(TEMPLATES))}); known units: {units}")
    with as_options(OPTION_OF_FIELD):
        saved = store.medications.add(_with_options(med, args))
    print(f"Added {saved.name}: {describe(saved)}.")
    used = [line for option, line in defaults.items() if getattr(args, option) is None]
    if used:
        print("Label defaults, yours to change (also later with "
              f"'medication edit {typed(saved.name)}'):")
        for line in used:
            print(f"  {line}")
    return 0


def _refuse_same_medication(store: DiaryStore, name: str, template: MedicationTemplate) -> None:
    """A generic or brand name of a medication the diary already holds under another name
    (Lioresal next to Baclofen) would give each its own max per day, so that twice the label's
    maximum is never refused: refused unless --separate says it is deliberate. The same name is
    left to the store, which refuses it whatever is given."""
    given = name.strip()
    for med in store.medications.all():
        same = find_template(med.name)
        if same is not None and same.key == template.key and \
                med.name.casefold() != given.casefold():
            raise CommandError(
                f"{given} is {template.key}, already in this diary as {med.name}; log doses "
                f"against {typed(med.name)}, or add --separate to keep {given} as a product of "
                f"its own, whose doses count against its own max per day, not {med.name}'s")


def _from_template(name: str, template: MedicationTemplate,
                   unit: Unit | None) -> tuple[Medication, dict[str, str]]:
    """The template's medication under the name typed (the domain's medication_for_name, which
    the window and a CSV import use too), and for each option it fills, the line that says so."""
    label = f"the {template.key} label"
    med = medication_for_name(name, unit)
    assert med is not None  # `template` is find_template(name)
    lines = {"unit": f"unit {template.unit.value} from {label}; change with --unit"}
    if unit is not None and unit != template.unit:
        # The label's figures are in its own unit: 80 mg a day says nothing about ml.
        lines["max_daily"] = (f"no max per day: {label}'s max is in {template.unit.value}, not "
                              f"{unit.value}; set one with --max-daily")
    elif template.max_daily is None:
        lines["max_daily"] = f"no max per day ({label} states none); set one with --max-daily"
    else:
        lines["max_daily"] = (f"max {format_amount(template.max_daily, template.unit)}/day "
                              f"from {label}; change with --max-daily")
    if med.form:
        lines["form"] = f"form {med.form} from {label}; change with --form"
    interval = template.min_interval_minutes
    lines["min_interval"] = (
        f"no minimum interval between doses ({label} states none); set one with --min-interval"
        if interval is None else
        f"at least {duration_text(interval)} between doses from {label}; change with "
        "--min-interval")
    lines["taper_required"] = (
        f"taper required: {label} warns against stopping abruptly; change with "
        "--no-taper-required" if template.taper_required else
        f"no taper required by {label}; change with --taper-required")
    lines["note"] = f"the note summarises {label}; change with --note"
    return med, lines


def _with_options(med: Medication, args: argparse.Namespace) -> Medication:
    """`med` with every option given on the command line (add and edit share them)."""
    if args.form is not None:
        med = replace(med, form=args.form)
    if args.max_daily is not None:
        med = replace(med, max_daily=_optional_amount(args.max_daily, med.unit))
    if args.min_interval is not None:
        med = replace(med, min_interval_minutes=_optional_duration(args.min_interval))
    if args.taper_required is not None:
        med = replace(med, taper_required=args.taper_required)
    if args.note is not None:
        med = replace(med, notes=args.note)
    if args.colour is not None:
        med = replace(med, colour=None if args.colour == AUTO else Colour(args.colour))
    if args.shape is not None:
        med = replace(med, shape=None if args.shape == AUTO else Shape(args.shape))
    return med


# --- medication list, edit, archive, unarchive ---------------------------------------------------
def medication_list(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    meds = store.medications.all(include_archived=args.all)
    if args.json:
        print_json({"medications": [medication_json(m) for m in meds]})
        return 0
    if not meds:
        hidden = len(store.medications.all(include_archived=True))
        print("No medications yet; add one with 'medication add NAME'." if not hidden else
              f"No active medications; {plural(hidden, 'archived one')} "
              "('medication list --all' shows them).")
    for med in meds:
        archived = "" if med.archived_at is None else f" (archived {med.archived_at:%Y-%m-%d})"
        print(f"{med.name}: {describe(med)}{archived}")
    return 0


EDIT_OPTIONS = ("rename", "unit", "form", "max_daily", "min_interval", "taper_required", "note",
                "colour", "shape")


def medication_edit(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    if all(getattr(args, option) is None for option in EDIT_OPTIONS):
        options = ", ".join("--" + o.replace("_", "-") for o in EDIT_OPTIONS)
        raise CommandError(f"nothing to change: give at least one of {options}")
    before = medication_named(store, args.name)
    med = before
    with as_options({**OPTION_OF_FIELD, "name": "--rename"}):
        if args.unit is not None:
            med = replace(med, unit=parse_unit(args.unit))
            if (med.unit != before.unit and before.max_daily is not None
                    and args.max_daily is None):
                shown = format_amount(before.max_daily, before.unit)
                raise CommandError(f"the max per day ({shown}) is in {before.unit.value}: give "
                                   f"--max-daily in {med.unit.value} (or --max-daily none) with "
                                   "the new unit")
        if args.rename is not None:
            med = replace(med, name=args.rename)
        store.medications.edit(_with_options(med, args))
    after = store.medications.get(before.id or 0)
    changes = _differences(before, after)
    if not changes:
        print(f"{after.name}: nothing changed (the values given are the current ones).")
        return 0
    print(f"Changed {before.name}: {'; '.join(changes)}.")
    taper_off = taper_off_warning(before, after)
    if taper_off is not None:
        print(f"warning: {taper_off}")
    if after.max_daily != before.max_daily:
        _warn_if_plan_over_max(store, after, now)
    return 0


def _warn_if_plan_over_max(store: DiaryStore, med: Medication, now: datetime) -> None:
    """After a new max: the warning `plan add` gives when a planned day, today or later, goes
    over it."""
    assert med.id is not None
    today = local_day(now, store.info().day_starts_at)
    running = [s for s in store.plans.steps(med.id) if s.end is None or s.end >= today]
    warning = over_max_warning(med, running)
    if warning is not None:
        print(f"warning: {warning}")


def _differences(before: Medication, after: Medication) -> list[str]:
    """What an edit changed, as 'max 80 mg/day -> 60 mg/day'."""
    def shown(med: Medication) -> dict[str, str]:
        interval = med.min_interval_minutes
        return {
            "name": med.name,
            "unit": med.unit.value,
            "form": med.form or "-",
            "max": NONE if med.max_daily is None
            else f"{format_amount(med.max_daily, med.unit)}/day",
            "minimum interval": NONE if interval is None else duration_text(interval),
            "taper required": "yes" if med.taper_required else "no",
            "look": look_text(med),
        }

    old, new = shown(before), shown(after)
    changes = [f"{label} {old[label]} -> {new[label]}" for label in old if old[label] != new[label]]
    if before.notes != after.notes:
        changes.append("note replaced" if after.notes else "note cleared")
    return changes


def medication_archive(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    med = medication_named(store, args.name)
    assert med.id is not None
    # Archiving stops every dose its plan still schedules: the one rule for a dose cut.
    refuse_dose_cut(store, med, store.plans.steps(med.id), [], now, args.lower_dose)
    store.medications.archive(med.id)
    print(f"Archived {med.name}: it no longer shows in 'today' or takes doses; its history is "
          f"kept. 'medication unarchive {typed(med.name)}' brings it back.")
    return 0


def medication_unarchive(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    found = [m for m in medications_named(store, args.name) if m.archived_at is not None]
    name = args.name.strip()
    if not found:
        active = [m.name for m in store.medications.all() if m.name.casefold() == name.casefold()]
        if active:
            raise CommandError(f"the medication {active[0]!r} is not archived")
        archived = ", ".join(m.name for m in store.medications.all(include_archived=True)
                             if m.archived_at is not None) or "none"
        raise CommandError(f"no archived medication named {name!r} (archived: {archived})")
    if len(found) > 1:
        ids = " or ".join(f"'#{m.id}'" for m in found)
        raise CommandError(f"{len(found)} archived medications are named {name!r}; give {ids} "
                           "instead of the name ('medication list --all --json' shows them)")
    med = found[0]
    assert med.id is not None
    store.medications.archive(med.id, archived=False)
    print(f"Unarchived {med.name}: {describe(med)}.")
    return 0


def _medication_options(parser: argparse.ArgumentParser) -> None:
    """The options `medication add` and `medication edit` share."""
    parser.add_argument("--unit", metavar="U",
                        help="mg, mcg, g, ml, tablet, capsule, drop, IU or puff")
    parser.add_argument("--form", metavar="F", help="tablet, oral solution, ...")
    parser.add_argument("--max-daily", metavar="AMOUNT",
                        help='the most per diary day, in the unit ("80", "80 mg"; "none")')
    parser.add_argument("--min-interval", metavar="DURATION",
                        help='the least time between doses: "6h", "90min", "4h30", minutes; '
                        '"none"')
    parser.add_argument("--taper-required", action=argparse.BooleanOptionalAction, default=None,
                        help="stopping needs a taper (the label's warning is shown)")
    parser.add_argument("--note", metavar="TEXT", help="a note (replaces the label's summary)")
    parser.add_argument("--colour", metavar="COLOUR", type=_look_part(COLOURS, "--colour"),
                        help="its colour in the window's lists, reminders and charts: "
                        f"{_choices(COLOURS)}; auto, the default, takes one by the order "
                        "medications were added in")
    parser.add_argument("--shape", metavar="SHAPE", type=_look_part(SHAPES, "--shape"),
                        help=f"the shape of its pill there: {_choices(SHAPES)}")


def add_commands(commands: Commands) -> None:
    actions = actions_of(commands, "medication", help="add, list, edit or archive medications",
                         description="The medications of this diary.")
    add = diary_command(actions, "medication add", medication_add, help="add a medication",
                        description="Add a medication. A name such as baclofen, tizanidine, "
                        "diazepam or a brand name fills in its label's unit, max per day, "
                        "interval and taper as defaults; otherwise give --unit.", writes=True)
    add.add_argument("name", metavar="NAME", help="the medication's name")
    _medication_options(add)
    add.add_argument("--separate", action="store_true",
                     help="add it even though the diary has the same medication under another "
                     "name (Lioresal next to Baclofen): each then has its own max per day")
    listing = diary_command(actions, "medication list", medication_list, help="the medications",
                            description="The active medications (all with --all).")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    json_option(listing)
    edit = diary_command(actions, "medication edit", medication_edit, help="change a medication",
                         description="Change what is given; the rest stays. The unit cannot "
                         "change once doses or plan steps exist.", writes=True)
    edit.add_argument("name", metavar="NAME", help="the medication's name")
    edit.add_argument("--rename", metavar="NEW", help="a new name")
    _medication_options(edit)
    archive = diary_command(actions, "medication archive", medication_archive,
                            help="hide a medication no longer taken",
                            description="Hide it from today and new doses; its history stays.",
                            writes=True)
    archive.add_argument("name", metavar="NAME", help="the medication's name")
    add_lower_dose(archive)
    unarchive = diary_command(actions, "medication unarchive", medication_unarchive,
                              help="bring an archived medication back",
                              description="Bring an archived medication back.", writes=True)
    unarchive.add_argument("name", metavar="NAME",
                           help="the medication's name (or #ID when two share it)")
