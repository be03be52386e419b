"""`symptom add / list / rename / archive / unarchive`: the symptoms a person rates, the four seeded
ones and their own."""

from __future__ import annotations

import argparse
from datetime import datetime

from diary.cli.common import CommandError
from diary.cli.common import Commands
from diary.cli.common import actions_of
from diary.cli.common import as_options
from diary.cli.common import diary_command
from diary.cli.common import iso
from diary.cli.common import json_option
from diary.cli.common import option_type
from diary.cli.common import parse_whole
from diary.cli.common import print_json
from diary.cli.common import typed
from diary.domain.entities import SCALE_ANCHORS
from diary.domain.entities import Symptom
from diary.domain.errors import ValidationError
from diary.storage import NotFoundError
from diary.storage.store import DiaryStore


def parse_scale(text: str) -> int:
    """The scale's maximum: "10" or "4" (also "0-10", "0–4"); the domain decides which exist."""
    cleaned = text.strip().replace("–", "-").replace(" ", "").removeprefix("0-")
    try:
        return parse_whole(cleaned, "--scale")
    except ValidationError:
        raise ValidationError("--scale", f"{text.strip()!r} is not a scale; use 10 (0–10) or 4 "
                              "(0–4)") from None


def scale_text(symptom: Symptom) -> str:
    """'0–10 (0 = none, 10 = worst imaginable)'."""
    anchors = SCALE_ANCHORS.get(symptom.scale_max)
    return f"0–{symptom.scale_max}" + (f" ({', '.join(anchors)})" if anchors else "")


def symptom_json(symptom: Symptom) -> dict[str, object]:
    return {
        "id": symptom.id,
        "name": symptom.name,
        "scale_max": symptom.scale_max,
        "position": symptom.position,
        "archived_at": None if symptom.archived_at is None else iso(symptom.archived_at),
    }


def symptom_add(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    scale: int = args.scale
    try:
        existing = store.symptoms.named(args.name)
    except NotFoundError:
        existing = None
    if existing is not None and existing.archived_at is not None:
        raise CommandError(f"a symptom named {existing.name!r} already exists, archived; bring it "
                           f"back with 'symptom unarchive {typed(existing.name)}'")
    with as_options({"scale": "--scale"}):
        saved = store.symptoms.add(Symptom(args.name, scale_max=scale))
    print(f"Added symptom {saved.name}, rated {scale_text(saved)}.")
    return 0


def symptom_list(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptoms = store.symptoms.all(include_archived=args.all)
    if args.json:
        print_json({"symptoms": [symptom_json(s) for s in symptoms]})
        return 0
    if not symptoms:
        print("No symptoms to rate; add one with 'symptom add NAME'.")
    for symptom in symptoms:
        archived = ("" if symptom.archived_at is None
                    else f" (archived {symptom.archived_at:%Y-%m-%d})")
        print(f"{symptom.name}: {scale_text(symptom)}{archived}")
    return 0


def symptom_rename(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptoms.named(args.old)
    assert symptom.id is not None
    store.symptoms.rename(symptom.id, args.new)
    renamed = store.symptoms.get(symptom.id)
    if renamed.name == symptom.name:
        print(f"{symptom.name}: nothing changed (that is its name already).")
        return 0
    print(f"Renamed {symptom.name} to {renamed.name}; its ratings keep their history.")
    return 0


def symptom_archive(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptoms.named(args.name)
    assert symptom.id is not None
    if symptom.archived_at is not None:
        raise CommandError(f"the symptom {symptom.name!r} is archived already")
    store.symptoms.archive(symptom.id)
    print(f"Archived {symptom.name}: it is no longer offered for rating; its ratings are kept. "
          f"'symptom unarchive {typed(symptom.name)}' brings it back.")
    return 0


def symptom_unarchive(store: DiaryStore, args: argparse.Namespace, now: datetime) -> int:
    symptom = store.symptoms.named(args.name)
    assert symptom.id is not None
    if symptom.archived_at is None:
        raise CommandError(f"the symptom {symptom.name!r} is not archived")
    store.symptoms.archive(symptom.id, archived=False)
    print(f"Unarchived {symptom.name}: rate it with 'log rating {typed(symptom.name)} SCORE'.")
    return 0


SCALE = option_type(parse_scale)


def add_commands(commands: Commands) -> None:
    actions = actions_of(commands, "symptom", help="add, list, rename or archive symptoms",
                         description="The symptoms you rate.")
    add = diary_command(actions, "symptom add", symptom_add, help="add a symptom to rate",
                        description="Add a symptom rated 0-10 (or 0-4).", writes=True)
    add.add_argument("name", metavar="NAME", help="the symptom's name")
    add.add_argument("--scale", type=SCALE, default="10", metavar="10|4",
                     help="0-10 numeric rating scale (default) or 0-4")
    listing = diary_command(actions, "symptom list", symptom_list, help="the symptoms",
                            description="The symptoms in order (archived too with --all).")
    listing.add_argument("--all", action="store_true", help="archived ones too")
    json_option(listing)
    rename = diary_command(actions, "symptom rename", symptom_rename, help="rename a symptom",
                           description="Rename a symptom; its ratings stay with it.", writes=True)
    rename.add_argument("old", metavar="OLD", help="its name now")
    rename.add_argument("new", metavar="NEW", help="the new name")
    for action, text, run in (
        ("archive", "stop offering a symptom for rating", symptom_archive),
        ("unarchive", "offer an archived symptom again", symptom_unarchive),
    ):
        parser = diary_command(actions, f"symptom {action}", run, help=text,
                               description=text[0].upper() + text[1:] + "; its ratings are kept.",
                               writes=True)
        parser.add_argument("name", metavar="NAME", help="the symptom's name")
