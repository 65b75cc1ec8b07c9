import { patientRegisterResultSchema, patientSchema, patientSummarySchema } from '@vuonxa/core';
import type { PatientInput } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const id = (value: string) => encodeURIComponent(value);

/** Patients of the caller's facilities (`patient.manage`); every read is audited by the server. */
export const patientsApi = {
  /** Name (accents optional), citizen ID or insurance number; at least 2 characters. */
  search: (q: string, facilityId: string | null, signal?: AbortSignal) =>
    api.get('/api/patients', z.array(patientSummarySchema), { query: { q, facilityId, limit: 20 }, signal }),
  get: (patientId: string, signal?: AbortSignal) => api.get(`/api/patients/${id(patientId)}`, patientSchema, { signal }),
  register: (facilityId: string, body: PatientInput) => api.post('/api/patients', patientRegisterResultSchema, { ...body, facilityId }),
  update: (patientId: string, body: PatientInput) => api.put(`/api/patients/${id(patientId)}`, patientSchema, body),
};
