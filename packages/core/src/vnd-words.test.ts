import { describe, expect, it } from 'vitest';
import { vndInWords } from './vnd-words.js';

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [15, 'Mười lăm đồng'],
    [14, 'Mười bốn đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [55, 'Năm mươi lăm đồng'],
    [105, 'Một trăm linh năm đồng'],
    [150_000, 'Một trăm năm mươi nghìn đồng'],
    [2_021, 'Hai nghìn không trăm hai mươi mốt đồng'],
    [1_000_000, 'Một triệu đồng'],
    [1_005_021, 'Một triệu không trăm linh năm nghìn không trăm hai mươi mốt đồng'],
    [1_000_015, 'Một triệu không trăm mười lăm đồng'],
    [35_500_000, 'Ba mươi lăm triệu năm trăm nghìn đồng'],
    [2_000_000_000, 'Hai tỷ đồng'],
    [1_200_000_000_000, 'Một nghìn hai trăm tỷ đồng'],
    [2_000_000_005, 'Hai tỷ không trăm linh năm đồng'],
    [3_450_000_000, 'Ba tỷ bốn trăm năm mươi triệu đồng'],
  ])('%i → %s', (n, words) => {
    expect(vndInWords(n)).toBe(words);
  });

  it('refuses what is not a whole, non-negative amount', () => {
    expect(() => vndInWords(-1)).toThrow(RangeError);
    expect(() => vndInWords(1.5)).toThrow(RangeError);
  });
});
