-- Reference numbers TA-<year>-<5 digits>: one counter row per year, incremented under a row lock.
CREATE TABLE IF NOT EXISTS UR_REFERENCE_COUNTER (
  YEAR_      INTEGER NOT NULL PRIMARY KEY,
  LAST_VALUE INTEGER NOT NULL
);

-- The product's index of requests: one row per request, kept current from the engine's history
-- events in the engine's own transaction (tracking/RequestIndexer), rebuilt from history at
-- start-up if rows are missing. The portal lists, sorts and searches from it.
CREATE TABLE IF NOT EXISTS UR_REQUEST (
  PROC_INST_ID_    VARCHAR(64)   NOT NULL PRIMARY KEY,
  REFERENCE_       VARCHAR(20),
  LEAD_STATE_      VARCHAR(3)    NOT NULL,
  TITLE_           VARCHAR(1000),
  STAGE_           VARCHAR(20),
  OUTCOME_         VARCHAR(30),
  PRIORITY_BAND_   VARCHAR(10),
  ASSIGNED_OFFICE_ VARCHAR(20),
  FILED_AT_        TIMESTAMP     NOT NULL,
  CLOSED_AT_       TIMESTAMP,
  LAST_CHANGE_     TIMESTAMP     NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS UR_REQUEST_REFERENCE ON UR_REQUEST (REFERENCE_);
CREATE INDEX IF NOT EXISTS UR_REQUEST_LEAD ON UR_REQUEST (LEAD_STATE_, FILED_AT_);

-- The co-requesting states of regional requests and their answers: AWAITING_ANSWER while asked,
-- then YES, NO or NO_ANSWER; PARTICIPATION_ID_ is the state's latest regional-participation.
CREATE TABLE IF NOT EXISTS UR_REQUEST_STATE (
  PROC_INST_ID_    VARCHAR(64)   NOT NULL,
  STATE_           VARCHAR(3)    NOT NULL,
  PARTICIPATION_ID_ VARCHAR(64)  NOT NULL,
  ANSWER_          VARCHAR(20)   NOT NULL,
  PRIMARY KEY (PROC_INST_ID_, STATE_)
);
CREATE INDEX IF NOT EXISTS UR_REQUEST_STATE_BY_STATE ON UR_REQUEST_STATE (STATE_, ANSWER_);
CREATE INDEX IF NOT EXISTS UR_REQUEST_STATE_BY_PARTICIPATION ON UR_REQUEST_STATE (PARTICIPATION_ID_);

-- Submissions already filed, by the key their client sent (the portal's form, an API client's
-- Idempotency-Key): a retried or doubled submission gets the first one's request (intake/IdempotentFiling).
CREATE TABLE IF NOT EXISTS UR_SUBMISSION (
  USER_            VARCHAR(255)  NOT NULL,
  KEY_             VARCHAR(100)  NOT NULL,
  REFERENCE_       VARCHAR(20),
  CREATED_         TIMESTAMP     NOT NULL,
  PRIMARY KEY (USER_, KEY_)
);

-- Documents attached to a request by a member state's focal points or UNODC staff (documents/Documents):
-- what each one is here, its bytes in UR_DOCUMENT_CONTENT so that a listing never reads them.
-- UPLOADER_STATE_ is the member state the focal point acted for; NULL when UNODC staff attached it.
-- MEDIA_TYPE_ is the type found in the content, never the one the browser sent.
CREATE TABLE IF NOT EXISTS UR_DOCUMENT (
  ID_              VARCHAR(36)   NOT NULL PRIMARY KEY,
  PROC_INST_ID_    VARCHAR(64)   NOT NULL,
  REFERENCE_       VARCHAR(20)   NOT NULL,
  UPLOADED_BY_     VARCHAR(255)  NOT NULL,
  UPLOADER_STATE_  VARCHAR(3),
  UPLOADED_AT_     TIMESTAMP     NOT NULL,
  NAME_            VARCHAR(255)  NOT NULL,
  MEDIA_TYPE_      VARCHAR(100)  NOT NULL,
  SIZE_            BIGINT        NOT NULL,
  SHA256_          VARCHAR(64)   NOT NULL
);
CREATE INDEX IF NOT EXISTS UR_DOCUMENT_BY_REQUEST ON UR_DOCUMENT (PROC_INST_ID_, UPLOADED_AT_);

-- BYTEA is PostgreSQL's binary type; H2 2.x accepts it as BINARY VARYING (up to 1 GB), so this one
-- schema serves both. The product writes and reads it as bytes (JDBC setBytes/getBytes), at most 10 MB.
CREATE TABLE IF NOT EXISTS UR_DOCUMENT_CONTENT (
  ID_      VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES UR_DOCUMENT (ID_),
  CONTENT_ BYTEA       NOT NULL
);
