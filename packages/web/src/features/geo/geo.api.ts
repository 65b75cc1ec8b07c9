import { communeSchema, provinceSchema } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const provincesSchema = z.array(provinceSchema);
const communesSchema = z.array(communeSchema);
export type Province = z.infer<typeof provinceSchema>;
export type Commune = z.infer<typeof communeSchema>;

// Administrative units change by decree, not during a visit: one request per page load is enough.
let provinces: Promise<Province[]> | null = null;
const communes = new Map<string, Promise<Commune[]>>();

function once<T>(load: () => Promise<T>, clear: () => void): Promise<T> {
  const pending = load();
  // A failed load is not kept, so "try again" asks the server again.
  pending.catch(clear);
  return pending;
}

/** `GET /api/geo/provinces` and `/communes` (permission `geo.read`), cached for the page's life. */
export const geoApi = {
  provinces: (): Promise<Province[]> => {
    provinces ??= once(
      () => api.get('/api/geo/provinces', provincesSchema),
      () => (provinces = null),
    );
    return provinces;
  },
  communes: (provinceCode: string): Promise<Commune[]> => {
    let pending = communes.get(provinceCode);
    if (!pending) {
      pending = once(
        () => api.get(`/api/geo/provinces/${encodeURIComponent(provinceCode)}/communes`, communesSchema),
        () => communes.delete(provinceCode),
      );
      communes.set(provinceCode, pending);
    }
    return pending;
  },
};
