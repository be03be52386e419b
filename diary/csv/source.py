"""Reading a CSV file to import, safely: its size, whether it is text at all, its encoding and its
delimiter, then its records one at a time with the line each starts on.

Nothing here holds the whole file in memory: the encoding is checked in chunks, and the records
are read as they are used. The size is checked before a byte is read.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import stat
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# The plan holds every entry until the import is written: 10 MB of short dose lines are some
# 300,000 entries (decades of a daily diary), measured at 9 s and 305 MB of memory to plan;
# 50 MB took over a gigabyte.
MAX_BYTES = 10_000_000
SAMPLE_CHARS = 64 * 1024
CHUNK_BYTES = 1024 * 1024
DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
# Control characters text files do hold: tab, line ends, form feed, and the end-of-file mark old
# Windows programs leave.
_TEXT_CONTROLS = frozenset("\t\n\r\f\x1a")


class CsvImportError(Exception):
    """A file that cannot be imported. `summary` is one line naming the problem; `details` are
    the lines that say where (FILE:LINE: column COLUMN: reason), possibly none."""

    def __init__(self, summary: str, details: Sequence[str] = ()) -> None:
        super().__init__(summary)
        self.summary = summary
        self.details = list(details)


@dataclass(frozen=True)
class Encoding:
    codec: str  # the Python codec the file is read with
    label: str  # what the output says was used


UTF8 = Encoding("utf-8", "UTF-8")
UTF8_BOM = Encoding("utf-8-sig", "UTF-8 with byte-order mark")
UTF16 = Encoding("utf-16", "UTF-16 (byte-order mark)")
UTF16_LE = Encoding("utf-16-le", "UTF-16 little-endian (no byte-order mark)")
UTF16_BE = Encoding("utf-16-be", "UTF-16 big-endian (no byte-order mark)")
# What --encoding accepts: the name a person types -> how the file is read.
CHOSEN_ENCODINGS = {
    "utf-8": UTF8, "utf-8-sig": UTF8_BOM, "utf-16": UTF16, "utf-16-le": UTF16_LE,
    "utf-16-be": UTF16_BE, "cp1252": Encoding("cp1252", "Windows-1252"),
    "latin-1": Encoding("latin-1", "ISO-8859-1 (Latin-1)"),
    "mac-roman": Encoding("mac-roman", "Mac OS Roman"),
}
ENCODING_ALIASES = {"utf8": "utf-8", "windows-1252": "cp1252", "iso-8859-1": "latin-1",
                    "latin1": "latin-1", "utf16": "utf-16", "macroman": "mac-roman"}
CP1252 = Encoding("cp1252", "Windows-1252 (the file is not valid UTF-8)")


@dataclass
class CsvSource:
    """An open file to import: how it was read, its header, and its records still to come."""

    shown: str  # the path as the user gave it, for messages
    encoding: Encoding
    delimiter: str
    header: list[str]
    header_line: int
    _records: Iterator[tuple[int, list[str]]]

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line the record starts on, its cells) for each record after the header; blank lines
        are skipped."""
        return self._records


@contextlib.contextmanager
def open_source(path: Path, shown: str, delimiter: str | None = None,
                encoding: str | None = None) -> Iterator[CsvSource]:
    """The file at `path` opened for reading its records, or a CsvImportError saying why not."""
    status = path.stat()  # a missing file fails here, as an OSError naming it
    if stat.S_ISDIR(status.st_mode):
        raise CsvImportError(f"{shown} is a folder; give the CSV file in it")
    if not stat.S_ISREG(status.st_mode):
        raise CsvImportError(f"{shown} is not a regular file; give a CSV file")
    size = status.st_size
    if size > MAX_BYTES:
        raise CsvImportError(f"{shown} is {size / 1e6:.1f} MB ({size:,} bytes); an import reads "
                             f"at most {MAX_BYTES / 1e6:g} MB ({MAX_BYTES:,} bytes): split the "
                             "file (by year, for example)")
    read_as = detect_encoding(path, shown) if encoding is None else \
        chosen_encoding(path, shown, encoding)
    with open(path, encoding=read_as.codec, newline="") as handle:
        sample = handle.read(SAMPLE_CHARS)
    if not sample.strip():
        raise CsvImportError(f"{shown} is empty; there is nothing to import")
    _refuse_binary(sample, shown)
    chosen = delimiter if delimiter is not None else detect_delimiter(sample)
    with open(path, encoding=read_as.codec, newline="") as handle:
        records = _records(handle, chosen, shown)
        first = next(records, None)
        if first is None:
            raise CsvImportError(f"{shown} is empty; there is nothing to import")
        line, header = first
        yield CsvSource(shown, read_as, chosen, [cell.strip() for cell in header], line,
                        records)


# --- the encoding -------------------------------------------------------------------------------
def detect_encoding(path: Path, shown: str) -> Encoding:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with one; Windows-1252 only when the
    file is not valid UTF-8. Invalid bytes for the encoding chosen are refused, naming the line."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise CsvImportError(f"{shown} is in UTF-32, which is not read here; save it as UTF-8")
    if head.startswith(codecs.BOM_UTF8):
        _check(path, shown, UTF8_BOM, "the file starts with a UTF-8 byte-order mark but")
        return UTF8_BOM
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check(path, shown, UTF16, "the file starts with a UTF-16 byte-order mark but")
        return UTF16
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_CHARS)
    if b"\0" in head:
        bomless = _bomless_utf16(head)
        if bomless is None:
            raise CsvImportError(f"{shown} is a binary file, not CSV text (it holds NUL bytes)")
        _check(path, shown, bomless, "it looks like UTF-16 without a byte-order mark, but")
        return bomless
    if _first_bad(path, UTF8) is None:
        return UTF8
    _check(path, shown, CP1252, "it is neither valid UTF-8 nor Windows-1252:")
    return CP1252


def _bomless_utf16(head: bytes) -> Encoding | None:
    """UTF-16 without a byte-order mark (some Windows programs write it): text whose characters
    are mostly ASCII has a NUL in every other byte, on the high side of each character."""
    even, odd = head[0:len(head) - len(head) % 2:2], head[1::2]
    if len(odd) < 8:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return UTF16_LE
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return UTF16_BE
    return None


def chosen_encoding(path: Path, shown: str, name: str) -> Encoding:
    """The encoding named with --encoding (or in the dialog), checked against the whole file."""
    key = name.strip().lower().replace("_", "-")
    encoding = CHOSEN_ENCODINGS.get(ENCODING_ALIASES.get(key, key))
    if encoding is None:
        raise CsvImportError(f"{name!r} is not an encoding read here; use one of "
                             f"{', '.join(CHOSEN_ENCODINGS)}")
    _check(path, shown, encoding, f"read as {encoding.label},")
    return encoding


def _check(path: Path, shown: str, encoding: Encoding, why: str) -> None:
    try:
        bad = _first_bad(path, encoding)
    except UnicodeError:  # UTF-16 (not LE or BE) reads its byte order from a mark at the start
        raise CsvImportError(f"{shown}: cannot be read as {encoding.label}: the file does not "
                             "start with a byte-order mark; choose utf-16-le or utf-16-be "
                             "instead") from None
    if bad is not None:
        line, byte = bad
        raise CsvImportError(f"{shown}:{line}: cannot be read: {why} byte 0x{byte:02X} is not "
                             f"valid {encoding.label.split(' ')[0]}; save the file as UTF-8")


def _first_bad(path: Path, encoding: Encoding) -> tuple[int, int] | None:
    """(line, byte value) of the first byte the encoding cannot read, or None; read in chunks."""
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors="strict")
    lines_before = 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # exc.object is what the decoder was given: bytes it held back, then this chunk.
                data = bytes(exc.object)
                byte = data[exc.start] if exc.start < len(data) else 0
                return lines_before + data[:exc.start].count(b"\n") + 1, byte
            if not chunk:
                return None
            lines_before += chunk.count(b"\n")


def _refuse_binary(sample: str, shown: str) -> None:
    for char in sample:
        if (char < " " and char not in _TEXT_CONTROLS) or char == "\x7f":
            raise CsvImportError(f"{shown} is a binary file, not CSV text (it holds the control "
                                 f"character U+{ord(char):04X})")


# --- the delimiter ------------------------------------------------------------------------------
def detect_delimiter(sample: str) -> str:
    """csv.Sniffer's choice among , ; tab |, checked against the header line: a header names
    its columns and rarely holds a delimiter, so a choice that splits it into fewer columns than
    another candidate does (a comma sniffed from decimal commas "7,5" in a file separated by
    semicolons) gives way to that candidate."""
    complete = sample if len(sample) < SAMPLE_CHARS else sample[: sample.rfind("\n") + 1]
    header = next((line for line in complete.splitlines() if line.strip()), "")
    columns = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    widest = max(DELIMITERS, key=lambda d: columns[d])
    try:
        sniffed = csv.Sniffer().sniff(complete or sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return widest
    return sniffed if columns.get(sniffed, 0) >= columns[widest] else widest


def delimiter_name(delimiter: str) -> str:
    return DELIMITER_NAMES.get(delimiter, repr(delimiter))


# --- the records --------------------------------------------------------------------------------
def _records(handle: TextIO, delimiter: str, shown: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error as exc:
        raise CsvImportError(f"{shown}:{last + 1}: not valid CSV ({exc}); nothing was "
                             "imported") from None
    except UnicodeDecodeError:
        raise CsvImportError(f"{shown}:{last + 1}: cannot be read: the file changed while it "
                             "was read, or is not text") from None
