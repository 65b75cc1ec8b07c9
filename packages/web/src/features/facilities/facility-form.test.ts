import { describe, expect, it } from 'vitest';
import { EMPTY_FACILITY, checkFacility, facilityInputOf } from './facility-form';

const valid = { ...EMPTY_FACILITY, code: 'ty-yty', name: 'Trạm Y tế xã Y Tý', type: 'commune_health_station' as const, provinceCode: '15' };

describe('facility form', () => {
  it('accepts a minimal Vietnamese facility and upper-cases the code', () => {
    expect(checkFacility(valid)).toEqual({});
    const input = facilityInputOf(valid);
    expect(input.code).toBe('TY-YTY');
    expect(input.provinceCode).toBe('15');
    expect(input.provinceText).toBeNull();
    expect(input.eligibility).toBeNull();
  });

  it('names the fields the server would refuse, by the server’s field names', () => {
    const found = checkFacility({ ...valid, provinceCode: '', latitude: '21.5', eligible: true });
    expect(Object.keys(found).sort()).toEqual(['eligibility.declaredAt', 'eligibility.scope', 'longitude', 'provinceCode']);
  });

  it('writes the province out for Laos and Cambodia and drops a Vietnamese code', () => {
    const input = facilityInputOf({
      ...valid,
      country: 'LA',
      provinceText: ' Vientiane Capital ',
      provinceCode: '15',
      communeCode: '04000',
    });
    expect(input).toMatchObject({ country: 'LA', provinceCode: null, communeCode: null, provinceText: 'Vientiane Capital' });
    expect(checkFacility({ ...valid, country: 'LA', provinceCode: '' })).toEqual({});
  });

  it('reads decimal commas in coordinates', () => {
    expect(facilityInputOf({ ...valid, latitude: '21,3860', longitude: '103.0230' })).toMatchObject({
      latitude: 21.386,
      longitude: 103.023,
    });
    expect(checkFacility({ ...valid, technicalScore: 'abc' })).toHaveProperty('technicalScore');
  });
});
