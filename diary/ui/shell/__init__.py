"""The window around the screens: the main window and its menus, starting and switching
diaries (launch, recent, single instance), the session every view reads, settings, help, the
file actions of the File menu, autostart and the tray setting."""
