"""Demo data: the four regions of the seed documents, with realistic units, people and accounts.

`load_demo()` fills an empty database (it does nothing when an agency exists); `demo_accounts()`
lists the demo accounts for the table `manage.py load_demo` prints. The modules split by
subject: `regions` (the unit trees), `people` (names, titles, ranks, NIPs; shared with the
province-scale generator) and `loading` (building it all through the services).
"""

from kinerja.org.demo.loading import (
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DemoAccount,
    DemoSummary,
    demo_accounts,
    demo_usernames,
    load_demo,
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DemoAccount",
    "DemoSummary",
    "demo_accounts",
    "demo_usernames",
    "load_demo",
]
