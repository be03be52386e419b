"""Floor: a raw sqlite3 INSERT of the same intake row and COMMIT, with the diary's pragmas (WAL,
synchronous=FULL, foreign keys), on a copy of the same diary; median over N (each row deleted
again, untimed, as ours is)."""

import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

source, count = Path(sys.argv[1]), int(sys.argv[2])
copy = Path(tempfile.mkdtemp()) / "diary.sqlite"
shutil.copy(source, copy)
conn = sqlite3.connect(copy, isolation_level=None)
for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
    conn.execute(f"PRAGMA {pragma}")
row = conn.execute("SELECT * FROM intakes ORDER BY id DESC LIMIT 1").fetchone()
names = [d[0] for d in conn.execute("SELECT * FROM intakes LIMIT 0").description]
columns = [n for n in names if n != "id"]
values = [v for n, v in zip(names, row, strict=True) if n != "id"]
sql = f"INSERT INTO intakes ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
times = []
for _ in range(count):
    started = time.perf_counter()
    conn.execute("BEGIN")
    cursor = conn.execute(sql, values)
    conn.execute("COMMIT")
    times.append(time.perf_counter() - started)
    conn.execute("DELETE FROM intakes WHERE id = ?", [cursor.lastrowid])  # as ours does
print(json.dumps({"seconds": statistics.median(times)}))
