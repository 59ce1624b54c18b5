"""Entry point: python -m healthreport."""

from healthreport.cli import main

raise SystemExit(main())
