"""Backups from the window: taking and thinning them (`manager`), where they go (`settings`),
the status bar line (`status`) and the Backups dialog (`dialog`)."""
