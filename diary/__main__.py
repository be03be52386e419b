"""`python -m diary`: the same as the medication-diary command."""

from diary.app import main

raise SystemExit(main())
