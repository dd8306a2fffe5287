-- Accounts: a password an administrator sets must be changed at the first login. (A login is
-- linked to its person of 执法检查人员名录库 by inspector.user_id, one login per person.)
ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- Anchors of the audit chains: the head (seq and row hash) of each unit's chain at a moment,
-- written by `ssj audit anchor` and also kept outside the database (the operator keeps the
-- printed file with the backup). A chain cut after an anchor no longer reaches the anchored
-- head, which `ssj audit verify --anchor` reports. Append-only like the log itself.
CREATE TABLE audit_anchor (
  id            bigserial PRIMARY KEY,
  anchored_at   timestamptz NOT NULL DEFAULT now(),
  unit_code     text NOT NULL,
  seq           bigint NOT NULL,
  row_hash      char(64) NOT NULL
);
CREATE INDEX audit_anchor_unit_idx ON audit_anchor (unit_code, anchored_at);
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
