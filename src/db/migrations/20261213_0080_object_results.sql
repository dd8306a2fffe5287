-- Results, follow-up items and the portal for visits of 其他检查对象 (产品、项目、行为、标准).
--
-- visit_result.uscc and followup_item.uscc hold the visit's object code: the 统一社会信用代码 of
-- a market entity, or the object's own code (directory_object.object_code, up to 40 characters)
-- for any other kind; entity_name holds the entity's or the object's name. object_kind says which:
-- NULL for a market entity (every row written before this migration), else the object's kind, as
-- on the visit (visit.object_kind). A business's 停止公示 application and the 信用 indicators that
-- count enterprises read only the rows whose object_kind is NULL.
ALTER TABLE visit_result ADD COLUMN object_kind text
  CHECK (object_kind IS NULL OR object_kind IN ('product', 'project', 'behavior', 'standard'));
ALTER TABLE followup_item ADD COLUMN object_kind text
  CHECK (object_kind IS NULL OR object_kind IN ('product', 'project', 'behavior', 'standard'));
