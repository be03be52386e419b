"""Reminders at each scheduled dose: when they are due (`scheduler`), the banner in the window,
the tray, and desktop notifications over D-Bus (`notifications`, `desktop`, `dbus_wire`)."""
