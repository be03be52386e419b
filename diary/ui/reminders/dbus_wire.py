"""The D-Bus wire format, for the few messages desktop notifications need.

PySide6's QtDBus cannot send a uint32 (a Python int goes out as int32 or uint16), and the
freedesktop Notify call takes its `replaces_id` as one, so a notification daemon refuses every
call QtDBus makes. This module writes and reads D-Bus messages itself (little-endian, version 1,
as the specification's "Message Protocol" section lays them out) for the basic types, arrays,
dicts, structs and variants; desktop_notify.py sends them over the session bus's Unix socket.
It opens nothing: it only turns messages into bytes and back.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from enum import IntEnum
from typing import Any


class Kind(IntEnum):
    METHOD_CALL = 1
    METHOD_RETURN = 2
    ERROR = 3
    SIGNAL = 4


NO_REPLY_EXPECTED = 0x1
_FIXED = {"y": ("B", 1), "b": ("I", 4), "n": ("h", 2), "q": ("H", 2), "i": ("i", 4),
          "u": ("I", 4), "x": ("q", 8), "t": ("Q", 8), "d": ("d", 8), "h": ("I", 4)}
_HEADER_CODES = {"path": (1, "o"), "interface": (2, "s"), "member": (3, "s"),
                 "error_name": (4, "s"), "reply_serial": (5, "u"), "destination": (6, "s"),
                 "sender": (7, "s"), "signature": (8, "g")}
_HEADER_NAMES = {code: name for name, (code, _) in _HEADER_CODES.items()}
MAX_MESSAGE = 128 * 1024 * 1024  # the specification's limit


class WireError(ValueError):
    """Bytes that are not a D-Bus message this module can read."""


@dataclass(frozen=True)
class Variant:
    """A value sent with its own signature (the `v` type)."""

    signature: str
    value: Any


@dataclass
class Message:
    kind: Kind
    serial: int = 0
    path: str | None = None
    interface: str | None = None
    member: str | None = None
    error_name: str | None = None
    reply_serial: int | None = None
    destination: str | None = None
    sender: str | None = None
    signature: str = ""
    body: Sequence[Any] = field(default_factory=tuple)
    flags: int = 0


def split_signature(signature: str) -> list[str]:
    """The complete types of a signature: 'sa{sv}i' -> ['s', 'a{sv}', 'i']."""
    types, index = [], 0
    while index < len(signature):
        end = _type_end(signature, index)
        types.append(signature[index:end])
        index = end
    return types


def _type_end(signature: str, index: int) -> int:
    char = signature[index]
    if char == "a":
        return _type_end(signature, index + 1)
    if char in "({":
        close = ")" if char == "(" else "}"
        index += 1
        while signature[index] != close:
            index = _type_end(signature, index)
        return index + 1
    if char in _FIXED or char in "sogv":
        return index + 1
    raise WireError(f"unknown type {char!r} in signature {signature!r}")


def _alignment(type_: str) -> int:
    char = type_[0]
    if char in _FIXED:
        return _FIXED[char][1]
    if char in "soa":
        return 4
    if char in "({":
        return 8
    return 1  # g and v


class _Writer:
    def __init__(self) -> None:
        self.data = bytearray()

    def pad(self, alignment: int) -> None:
        self.data += b"\0" * (-len(self.data) % alignment)

    def write(self, type_: str, value: Any) -> None:
        char = type_[0]
        self.pad(_alignment(type_))
        if char in _FIXED:
            self.data += struct.pack("<" + _FIXED[char][0], value)
        elif char in "so":
            encoded = value.encode("utf-8")
            self.data += struct.pack("<I", len(encoded)) + encoded + b"\0"
        elif char == "g":
            encoded = value.encode("ascii")
            self.data += struct.pack("<B", len(encoded)) + encoded + b"\0"
        elif char == "v":
            self.write("g", value.signature)
            self.write(value.signature, value.value)
        elif char == "a":
            self._array(type_[1:], value)
        else:  # a struct, or a dict entry
            for inner, item in zip(split_signature(type_[1:-1]), value, strict=True):
                self.write(inner, item)

    def _array(self, element: str, value: Any) -> None:
        at = len(self.data)
        self.data += b"\0\0\0\0"  # the length, known once the elements are written
        self.pad(_alignment(element))
        start = len(self.data)
        items = value.items() if element.startswith("{") else value
        for item in items:
            self.write(element, item)
        struct.pack_into("<I", self.data, at, len(self.data) - start)


class _Reader:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def pad(self, alignment: int) -> None:
        self.offset += -self.offset % alignment

    def take(self, count: int) -> bytes:
        if self.offset + count > len(self.data):
            raise WireError("the message ends too early")
        chunk = self.data[self.offset:self.offset + count]
        self.offset += count
        return chunk

    def read(self, type_: str) -> Any:
        char = type_[0]
        self.pad(_alignment(type_))
        if char in _FIXED:
            code, size = _FIXED[char]
            return struct.unpack("<" + code, self.take(size))[0]
        if char in "so":
            (length,) = struct.unpack("<I", self.take(4))
            text = self.take(length + 1)[:-1]
            return text.decode("utf-8", errors="replace")
        if char == "g":
            (length,) = struct.unpack("<B", self.take(1))
            return self.take(length + 1)[:-1].decode("ascii", errors="replace")
        if char == "v":
            signature = self.read("g")
            return Variant(signature, self.read(signature))
        if char == "a":
            return self._array(type_[1:])
        return tuple(self.read(inner) for inner in split_signature(type_[1:-1]))

    def _array(self, element: str) -> Any:
        (length,) = struct.unpack("<I", self.take(4))
        self.pad(_alignment(element))
        end = self.offset + length
        items = []
        while self.offset < end:
            items.append(self.read(element))
        return dict(items) if element.startswith("{") else items


def encode(message: Message) -> bytes:
    """The bytes of `message`, ready for the bus."""
    body = _Writer()
    for type_, value in zip(split_signature(message.signature), message.body, strict=True):
        body.write(type_, value)
    fields = [(code, Variant(sig, getattr(message, name)))
              for name, (code, sig) in _HEADER_CODES.items()
              if name != "signature" and getattr(message, name) is not None]
    if message.signature:
        fields.append((8, Variant("g", message.signature)))
    header = _Writer()
    header.data += struct.pack("<cBBBII", b"l", message.kind, message.flags, 1,
                               len(body.data), message.serial)
    header.write("a(yv)", fields)
    header.pad(8)
    return bytes(header.data + body.data)


def message_length(data: bytes) -> int | None:
    """The length of the message at the start of `data`, or None until 16 bytes have come."""
    if len(data) < 16:
        return None
    if data[:1] != b"l":
        raise WireError("only little-endian messages are read")
    body_length, _, fields_length = struct.unpack_from("<III", data, 4)
    length = int(16 + fields_length + (-(16 + fields_length) % 8) + body_length)
    if length > MAX_MESSAGE:
        raise WireError("a message longer than D-Bus allows")
    return length


def decode(data: bytes) -> Message:
    """The message whose bytes are `data` (exactly one message)."""
    if data[:1] != b"l":
        raise WireError("only little-endian messages are read")
    kind, flags, _version, body_length, serial = struct.unpack_from("<BBBII", data, 1)
    reader = _Reader(data, 12)
    headers: dict[str, Any] = {}
    for code, variant in reader.read("a(yv)"):
        if code in _HEADER_NAMES:
            headers[_HEADER_NAMES[code]] = variant.value
    reader.pad(8)
    signature = headers.pop("signature", "")
    body_reader = _Reader(data[reader.offset:reader.offset + body_length])
    body = tuple(body_reader.read(t) for t in split_signature(signature))
    try:
        kind = Kind(kind)
    except ValueError:
        raise WireError(f"unknown message type {kind}") from None
    return Message(kind, serial, signature=signature, body=body, flags=flags, **headers)
