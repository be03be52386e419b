from diary.app import main

raise SystemExit(main())
