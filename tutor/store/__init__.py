"""The pieces behind :mod:`tutor.progress` (its public face): records, files, the database.

``records`` holds the homework's rules and the saved shapes; ``files`` the
bounded, hostile-file-safe handling of paths and the lock; ``legacy`` the old
``progress.json``; ``schema`` the tables and their migrations; ``database`` the
SQLite file's life (checks, transactions, recovery); ``homework`` and
``history`` the rows. Importing this package imports no sqlite3.
"""


class DataDirError(ValueError):
    """``$DLTUTOR_HOME`` is set but empty: refused rather than read as unset.

    A script whose variable expanded to nothing must not write the student's
    real progress; the front end turns this into a usage error. It lives here,
    not in :mod:`tutor.progress`, so that ``main()`` can catch it without the
    cost of importing the store.
    """
