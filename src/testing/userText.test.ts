import { describe, expect, it } from 'vitest';
import { userTextProblems } from './userText.ts';

describe('userTextProblems', () => {
  it('accepts Chinese with numbers, codes a person typed and file formats', () => {
    expect(userTextProblems('统一社会信用代码 12345 应为 18 位，请核对。')).toEqual([]);
    expect(userTextProblems('请上传 .xlsx 或 .csv 文件（PDF 不超过 20 MB）。')).toEqual([]);
  });
  it('names English, field paths, error codes and messages without Chinese', () => {
    expect(userTextProblems('填写的内容有误：items.0.result：必须填写')).toEqual(['字段路径「items.0.result」', '英文「items result」']);
    expect(userTextProblems('VALIDATION_FAILED')).toEqual(['错误代码「VALIDATION_FAILED」', '英文「VALIDATION FAILED」', '没有中文']);
    expect(userTextProblems('uscc：数值过小')).toEqual(['英文「uscc」']);
    expect(userTextProblems('Invalid input')).toEqual(['英文「Invalid input」', '没有中文']);
  });
});
