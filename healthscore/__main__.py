"""Entry point: python -m healthscore."""

from healthscore.cli import main

raise SystemExit(main())
