import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, rowErrorsCsv, templateCsv } from './csv-columns';

describe('registry CSV', () => {
  it('has the agreed header for each kind', () => {
    expect(templateCsv('sites')).toBe('facility_code,name,room,equipment,bandwidth_kbps,link_kind,status\r\n');
    expect(CSV_COLUMNS.facilities).toHaveLength(21);
    expect(CSV_COLUMNS.facilities.at(-1)).toBe('active');
    expect(CSV_COLUMNS.practitioners).toHaveLength(11);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Bệnh viện "A", Hà Nội')).toBe('"Bệnh viện ""A"", Hà Nội"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(12)).toBe('12');
  });

  it('defuses spreadsheet formulas in the error file but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")', true)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-5 is below 0', true)).toBe("'-5 is below 0");
    expect(csvCell(-5, true)).toBe('-5');
  });

  it('writes the error rows under a translated header, with a BOM', () => {
    const csv = rowErrorsCsv(['dòng', 'trường', 'lỗi'], [{ line: 3, field: 'type', message: 'Invalid option' }]);
    expect(csv).toBe('\uFEFFdòng,trường,lỗi\r\n3,type,Invalid option\r\n');
  });
});
