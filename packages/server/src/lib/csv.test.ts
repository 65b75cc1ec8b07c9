import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('parses quoted fields with commas, quotes and newlines, and numbers lines', () => {
    const { header, rows } = parseCsv('\uFEFFa,b\r\n1,"x, ""y"""\n2,"multi\nline"\n3,z\n');
    expect(header).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { line: 2, values: { a: '1', b: 'x, "y"' } },
      { line: 3, values: { a: '2', b: 'multi\nline' } },
      { line: 5, values: { a: '3', b: 'z' } },
    ]);
  });
  it('keeps Vietnamese text intact and tolerates a missing final newline', () => {
    expect(parseCsv('n\nPhường Ba Đình').rows[0]?.values.n).toBe('Phường Ba Đình');
  });
  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});

describe('csvLine', () => {
  it('quotes, neutralises formulas, and round-trips through parseCsv', () => {
    const line = csvLine(['Bệnh viện "A", cơ sở 2', '=HYPERLINK("x")', null, 42, true]);
    expect(line).toBe('"Bệnh viện ""A"", cơ sở 2","\'=HYPERLINK(""x"")",,42,true\r\n');
    expect(parseCsv(`a,b,c,d,e\r\n${line}`).rows[0]?.values).toEqual({
      a: 'Bệnh viện "A", cơ sở 2',
      b: '\'=HYPERLINK("x")',
      c: '',
      d: '42',
      e: 'true',
    });
  });
});
