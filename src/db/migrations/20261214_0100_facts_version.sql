-- How many audit rows each unit's chain has: raised by one in the transaction that appends an
-- audit row, under the lock that serialises that chain (recordAudit). Every committed state
-- change writes an audit row, so the sum over all units grows with every commit, whatever order
-- concurrent transactions commit in (a counter, not a timestamp); the indicators' cache of
-- computed answers keys them by this sum (docs/indicators.md).
CREATE TABLE facts_version (
  unit_code text PRIMARY KEY,
  n bigint NOT NULL
);
INSERT INTO facts_version (unit_code, n) SELECT unit_code, count(*) FROM audit_log GROUP BY unit_code;
