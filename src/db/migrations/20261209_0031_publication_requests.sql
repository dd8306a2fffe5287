-- 停止公示（信用修复）申请 made by a business itself on the portal: one row per published result
-- the business selected, kept by the unit that keeps (and published) the result. Rows of one
-- submission share its 回执编号: the short code is stored as it is (staff quote it on the
-- telephone), the whole number only as its SHA-256, so the table never holds the secret part
-- that lets its bearer read the state. The scan (授权书/营业执照) is stored in the row as the
-- result attachments are (bytea, with its detected kind and digest). Decisions go through the
-- result's own 停止公示 flow (src/core/results/reviewFlow.ts); this row follows it.
CREATE TABLE publication_request (
  unit_code        text NOT NULL,          -- the unit that keeps the result (its owner)
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  receipt_code     text NOT NULL,          -- the public part of the 回执编号
  receipt_hash     text NOT NULL,          -- SHA-256 (hex) of the whole 回执编号
  result_id        uuid NOT NULL,
  uscc             text NOT NULL,
  entity_name      text NOT NULL,
  applicant_name   text NOT NULL,
  contact_phone    text NOT NULL,
  reason           text NOT NULL,
  status           text NOT NULL CHECK (status IN ('submitted', 'reviewing', 'approved', 'rejected')),
  submitted_on     date NOT NULL,
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  reviewing_by_name text,
  decided_on       date,
  decision_reason  text,
  decided_by_name  text,
  scan_file_name   text NOT NULL,
  scan_kind        text NOT NULL CHECK (scan_kind IN ('jpeg', 'png', 'pdf')),
  scan_bytes       integer NOT NULL,
  scan_sha256      text NOT NULL,
  scan_content     bytea NOT NULL,
  PRIMARY KEY (unit_code, id),
  FOREIGN KEY (unit_code, result_id) REFERENCES visit_result (unit_code, id)
);
CREATE INDEX publication_request_id_idx ON publication_request (id);
CREATE INDEX publication_request_receipt_idx ON publication_request (receipt_code);
CREATE INDEX publication_request_queue_idx ON publication_request (unit_code, status, submitted_at);
-- At most one open application per result (a second one while one is pending is refused).
CREATE UNIQUE INDEX publication_request_open_idx ON publication_request (unit_code, result_id)
  WHERE status IN ('submitted', 'reviewing');
