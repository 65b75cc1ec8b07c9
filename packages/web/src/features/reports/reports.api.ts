import { reportBundleSchema, reportSchema, reportVerificationSchema } from '@vuonxa/core';
import type { ReportContentInput } from '@vuonxa/core';
import { api } from '../../api/client';

const id = (value: string) => encodeURIComponent(value);

/** The consultation report (biên bản hội chẩn): draft, freeze, sign, verify, amend. */
export const reportsApi = {
  bundle: (consultId: string, signal?: AbortSignal) => api.get(`/api/consults/${id(consultId)}/report`, reportBundleSchema, { signal }),
  save: (consultId: string, content: ReportContentInput) => api.put(`/api/consults/${id(consultId)}/report`, reportSchema, { content }),
  freeze: (reportId: string, specialistSignerIds: string[]) =>
    api.post(`/api/reports/${id(reportId)}/freeze`, reportSchema, { specialistSignerIds }),
  sign: (reportId: string, password: string) => api.post(`/api/reports/${id(reportId)}/sign`, reportSchema, { password }),
  amend: (reportId: string) => api.post(`/api/reports/${id(reportId)}/amend`, reportSchema),
  verify: (reportId: string, signal?: AbortSignal) => api.get(`/api/reports/${id(reportId)}/verify`, reportVerificationSchema, { signal }),
  pdfUrl: (reportId: string) => `/api/reports/${id(reportId)}/pdf`,
};
