-- 抽查结果公告 under a crowd: what the portal shows changes only when a result is published
-- (or re-published after a correction) or its publication is stopped. This one-row counter is
-- raised in the same transaction as each such change; the portal's answers are cached under it
-- and carry it in their ETag, so a stopped result disappears with the commit that stops it.
CREATE TABLE public_results_version (
  id       smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version  bigint NOT NULL
);
INSERT INTO public_results_version (id, version) VALUES (1, 1);
