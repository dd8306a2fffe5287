-- The risk classification a task's allocation uses, chosen by the planner: 'general' (信用风险分类)
-- or a 专业领域 classification code (src/core/entities/riskClassifications.ts). NULL: the one the
-- task's 信用风险分类管理 text names, else the general one (every task written before this).
ALTER TABLE plan_task ADD COLUMN risk_classification text
  CHECK (risk_classification IS NULL OR risk_classification IN ('general', 'food', 'specialEquipment', 'industrialProduct', 'drugs'));
