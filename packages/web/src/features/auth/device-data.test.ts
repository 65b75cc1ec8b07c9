import { describe, expect, it } from 'vitest';
import { forgetClinicalDataOnDevice } from './device-data';

function memoryStorage(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    removeItem: (k: string) => void map.delete(k),
    keys: () => [...map.keys()],
  };
}

describe('forgetClinicalDataOnDevice', () => {
  it('removes drafts and upload bookmarks, keeps the language choice', () => {
    const s = memoryStorage({
      'vuonxa.consult-draft:u1:new:f1': '{"values":{}}',
      'vuonxa.upload:f1:100:1:Nguyen Van A.jpg': '{}',
      'vuonxa.locale': 'vi',
    });
    expect(forgetClinicalDataOnDevice(s)).toBe(2);
    expect(s.keys()).toEqual(['vuonxa.locale']);
  });
});
