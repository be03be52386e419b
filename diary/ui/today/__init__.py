"""Today: the scheduled doses and their status (`slots`), an as-needed or other dose (`dose`),
the day's ratings (`ratings`) and events (`events`), what the day holds (`state`); `view` lays
them out."""
