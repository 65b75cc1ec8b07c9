import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, coverageBand, shortProvinceName, tilePlaces } from './province-layout';

describe('province tile map', () => {
  it('places the 34 provinces on distinct cells', () => {
    const cells = Object.values(PROVINCE_TILES).map(([c, r]) => `${c},${r}`);
    expect(cells).toHaveLength(34);
    expect(new Set(cells).size).toBe(34);
  });

  it('appends unknown provinces below the map, one row of six at a time', () => {
    const places = tilePlaces(['11', '97', '98']);
    expect(places.get('11')).toEqual([0, 1]);
    expect(places.get('97')).toEqual([0, 14]);
    expect(places.get('98')).toEqual([1, 14]);
  });

  it('shortens official names', () => {
    expect(shortProvinceName('Thành phố Hồ Chí Minh')).toBe('Hồ Chí Minh');
    expect(shortProvinceName('Tỉnh Điện Biên')).toBe('Điện Biên');
    expect(shortProvinceName('Vientiane')).toBe('Vientiane');
  });

  it('bands coverage, with no site at all set apart', () => {
    expect(coverageBand({ sites: 0, communes: 40, communesWithSite: 0 })).toBe('none');
    expect(coverageBand({ sites: 2, communes: 40, communesWithSite: 2 })).toBe('veryLow');
    expect(coverageBand({ sites: 3, communes: 126, communesWithSite: 0 })).toBe('veryLow');
    expect(coverageBand({ sites: 9, communes: 40, communesWithSite: 4 })).toBe('low');
    expect(coverageBand({ sites: 30, communes: 40, communesWithSite: 30 })).toBe('high');
  });
});
