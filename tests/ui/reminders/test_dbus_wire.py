"""The D-Bus wire format, written and read by the program itself (QtDBus cannot send the uint32
that Notify takes): messages read back as written, signatures split into complete types, and
bytes that are not a message refused."""

from __future__ import annotations

import pytest

from diary.ui.reminders.dbus_wire import Kind
from diary.ui.reminders.dbus_wire import Message
from diary.ui.reminders.dbus_wire import Variant
from diary.ui.reminders.dbus_wire import WireError
from diary.ui.reminders.dbus_wire import decode
from diary.ui.reminders.dbus_wire import encode
from diary.ui.reminders.dbus_wire import message_length
from diary.ui.reminders.dbus_wire import split_signature


def test_a_message_reads_back_as_written() -> None:
    hints = {"urgency": Variant("y", 1), "desktop-entry": Variant("s", "medication-diary")}
    sent = Message(Kind.METHOD_CALL, 7, path="/org/freedesktop/Notifications",
                   interface="org.freedesktop.Notifications", member="Notify",
                   destination="org.freedesktop.Notifications", signature="susssasa{sv}i",
                   body=("Medication Diary", 0, "icon", "Due", "Körper ✓",
                         ["taken", "Taken"], hints, -1))
    data = encode(sent)
    assert message_length(data) == len(data)
    back = decode(data)
    assert (back.kind, back.serial, back.member, back.signature) == (
        Kind.METHOD_CALL, 7, "Notify", "susssasa{sv}i")
    assert back.body == sent.body
    # replaces_id is a uint32 on the wire, which is what QtDBus could not send.
    assert split_signature(back.signature)[1] == "u"


def test_signatures_split_into_complete_types() -> None:
    assert split_signature("susssasa{sv}i") == ["s", "u", "s", "s", "s", "as", "a{sv}", "i"]
    assert split_signature("a(yv)(ii)") == ["a(yv)", "(ii)"]
    with pytest.raises(WireError, match="unknown type"):
        split_signature("z")


def test_a_truncated_message_is_refused() -> None:
    data = encode(Message(Kind.SIGNAL, 1, path="/p", interface="a.b", member="C",
                          signature="us", body=(3, "taken")))
    assert message_length(data[:10]) is None  # not even the fixed header yet
    with pytest.raises(WireError, match="ends too early"):
        decode(data[:-3])
    with pytest.raises(WireError, match="little-endian"):
        decode(b"B" + data[1:])
