"""History: every entry, newest first (`model`, loaded a page at a time), its filters, editing
(`edit`) and the audit trail of one entry (`audit`); `view` lays them out."""
