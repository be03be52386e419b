"""Reminders at each scheduled dose: when they are due, ask again and give a heads-up
(`scheduler`, its rules in `timing`, this computer's `preferences`), the banner in the window,
the tray, and desktop notifications over D-Bus (`notifications`, `desktop`, through jeepney)."""
