-- Reference numbers TA-<year>-<5 digits>: one counter row per year, incremented under a row lock.
CREATE TABLE IF NOT EXISTS UR_REFERENCE_COUNTER (
  YEAR_      INTEGER NOT NULL PRIMARY KEY,
  LAST_VALUE INTEGER NOT NULL
);
