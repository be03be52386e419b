"""The house rules of docs/ARCHITECTURE.md that a linter does not check (issue 16): no folder of
the program holds more than 15 modules of its own, and no module of the program or of its tests
grows past 450 lines. Split by what the code holds, never by inheritance to save lines. (A test
folder mirrors a program folder file for file, with a file per aspect where one module's tests
are many: it is not held to the count.)"""

from __future__ import annotations

from pathlib import Path

PROGRAM = Path(__file__).resolve().parents[1] / "diary"
TESTS = Path(__file__).resolve().parent
MOST_MODULES = 15
MOST_LINES = 450


def test_no_folder_holds_more_than_15_modules_of_its_own() -> None:
    crowded = {str(folder.relative_to(PROGRAM.parent)): count
               for folder in [PROGRAM, *(p for p in PROGRAM.rglob("*") if p.is_dir())]
               if (count := len([m for m in folder.glob("*.py") if m.name != "__init__.py"]))
               > MOST_MODULES}
    assert crowded == {}


def test_no_module_grows_past_450_lines() -> None:
    long = {str(module.relative_to(PROGRAM.parent)): lines
            for module in [*PROGRAM.rglob("*.py"), *TESTS.rglob("*.py")]
            if (lines := len(module.read_text(encoding="utf-8").splitlines())) > MOST_LINES}
    assert long == {}


def test_every_module_of_the_program_has_a_test_file_of_its_name() -> None:
    """Tests mirror the package file by file: diary/x/y.py is tested in tests/x/test_y.py, or in
    aspect files tests/x/test_y_<aspect>.py."""
    untested = []
    for module in PROGRAM.rglob("*.py"):
        if module.name == "__init__.py":
            continue
        folder = TESTS / module.parent.relative_to(PROGRAM)
        if not (folder / f"test_{module.stem}.py").exists() and not any(
                folder.glob(f"test_{module.stem}_*.py")):
            untested.append(str(module.relative_to(PROGRAM.parent)))
    assert untested == []
