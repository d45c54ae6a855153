from ecom_trainer.cli import main

raise SystemExit(main())
