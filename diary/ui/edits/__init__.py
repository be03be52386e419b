"""Every write the window makes to the diary, on the one undo stack: `undo` for entries,
medications, plans, symptoms, settings and imports; `doses` for a dose, checked by the safety
verdict and saved in one transaction."""
