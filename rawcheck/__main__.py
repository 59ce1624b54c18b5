from rawcheck.cli import main

raise SystemExit(main())
