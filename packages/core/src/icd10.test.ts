import { describe, expect, it } from 'vitest';
import { icd10Chapter, normaliseIcd10Code } from './icd10.js';

describe('ICD-10 codes', () => {
  it('normalises the forms files use, and refuses what is not a code', () => {
    expect(normaliseIcd10Code(' e119 ')).toBe('E11.9');
    expect(normaliseIcd10Code('Z09.')).toBe('Z09');
    expect(normaliseIcd10Code('J31.1')).toBe('J31.1');
    expect(normaliseIcd10Code('K12,0')).toBe('K12.0');
    expect(normaliseIcd10Code('E1')).toBeNull();
    expect(normaliseIcd10Code('11.9')).toBeNull();
  });
  it('places codes in their chapter, including the split ones', () => {
    expect(icd10Chapter('A09')).toBe('I');
    expect(icd10Chapter('D48.9')).toBe('II');
    expect(icd10Chapter('D50.0')).toBe('III');
    expect(icd10Chapter('H59.9')).toBe('VII');
    expect(icd10Chapter('H60.0')).toBe('VIII');
    expect(icd10Chapter('T98.3')).toBe('XIX');
    expect(icd10Chapter('U07.1')).toBe('XXII');
    expect(icd10Chapter('W01')).toBe('XX');
  });
});
