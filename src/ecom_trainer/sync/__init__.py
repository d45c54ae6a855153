"""Moving progress between PCs: bundles (export, import, merge). Plain Python, no Qt."""
