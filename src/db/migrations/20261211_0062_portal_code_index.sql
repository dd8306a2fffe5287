-- 抽查结果公告 by the first 6–18 characters of a 统一社会信用代码 (uscc LIKE 'X%'): the index of
-- published, not stopped results compares bytes (text_pattern_ops), so the prefix is a range scan
-- of that index under any collation; the index by uscc alone serves only the exact code.
CREATE INDEX visit_result_public_code_idx ON visit_result (uscc text_pattern_ops)
  WHERE published_on IS NOT NULL AND stopped_on IS NULL;
