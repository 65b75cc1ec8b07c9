import type { ConsultDetail } from '@vuonxa/core';
import { Suspense, lazy } from 'react';
import { PageLoader } from '../../components/PageLoader';

// The report editor and signing are loaded when the tab is opened, not with every request page.
const ReportPanel = lazy(() => import('../reports/ReportPanel').then((m) => ({ default: m.ReportPanel })));

/** The report (biên bản hội chẩn) of the request: drafting, signing, verifying. */
export function ReportTab({ detail, onChanged }: { detail: ConsultDetail; onChanged: () => void }) {
  return (
    <Suspense fallback={<PageLoader />}>
      <ReportPanel consult={detail} onChanged={onChanged} />
    </Suspense>
  );
}
