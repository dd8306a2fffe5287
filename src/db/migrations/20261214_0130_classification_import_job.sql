-- 专业领域风险分级导入 runs as a background job like the entity import, so the console shows its
-- progress: the job table accepts a third kind.
ALTER TABLE job DROP CONSTRAINT job_kind_check;
ALTER TABLE job ADD CONSTRAINT job_kind_check CHECK (kind IN ('entity_import', 'risk_class_import', 'classification_import'));
