"""Entry point: python -m healthsim."""

from healthsim.cli import main

raise SystemExit(main())
