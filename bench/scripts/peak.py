"""The peak resident size of this process, in megabytes.

Not `getrusage(RUSAGE_SELF).ru_maxrss`: on Linux a process started by another keeps, across the
exec, the peak of the process that started it (Python's subprocess starts children with vfork),
so every child of the bench would report at least the bench's own size (tens of megabytes, with
a diary built in it). The kernel's high-water mark of this process's own memory (VmHWM) is not
inherited."""

from __future__ import annotations

import resource


def peak_megabytes() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: kB there too
