import { Alert, List, Skeleton, Text } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { shortFingerprint, summariseVerification } from './report-form';
import type { VerificationProblem } from './report-form';
import { reportsApi } from './reports.api';

/**
 * The server's check of a report's signatures (`GET /api/reports/:id/verify`): green when the content is what
 * was frozen and every signature verifies, red naming the problem otherwise. `stamp` changes when a signature
 * is added, to check again.
 */
export function ReportVerifyBox({ reportId, stamp }: { reportId: string; stamp: string }) {
  const t = useT();
  const check = useQuery(`report-verify:${reportId}:${stamp}`, (signal) => reportsApi.verify(reportId, signal));
  if (check.loading && check.data === undefined) return <Skeleton h={72} />;
  if (check.data === undefined) {
    return (
      <Alert color="yellow" title={t('report.verify.title')} data-testid="report-verify" data-valid="false">
        {t('report.verify.loadFailed')}
      </Alert>
    );
  }
  const v = check.data;
  const summary = summariseVerification(v);
  const describe = (p: VerificationProblem) => {
    if (p.kind === 'changed') return t('report.verify.changed');
    const key = `report.verify.problem.${p.problem ?? 'unknown'}`;
    return t('report.verify.sigBad', { name: p.name, problem: t.has(key) ? t(key) : t('report.verify.problem.unknown') });
  };
  const title = !summary.ok ? t('report.verify.bad') : summary.complete ? t('report.verify.ok') : t('report.verify.okIncomplete');
  return (
    <Alert
      color={!summary.ok ? 'red' : summary.complete ? 'green' : 'blue'}
      title={title}
      role={summary.ok ? 'status' : 'alert'}
      data-testid="report-verify"
      data-valid={String(summary.ok)}
      data-complete={String(summary.complete)}
    >
      {summary.problems.length > 0 && (
        <List size="sm" mb="xs">
          {summary.problems.map((p, i) => (
            <List.Item key={i}>{describe(p)}</List.Item>
          ))}
        </List>
      )}
      {v.signatures.length === 0 ? (
        <Text size="sm">{t('report.verify.none')}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {v.signatures.map((s) => (
            <List.Item key={`${s.signer.id}:${s.signedAt}`} data-testid="report-verify-signer" data-valid={String(s.valid)}>
              {s.valid ? '✓ ' : '✗ '}
              {t('report.verify.signer', {
                name: `${s.signer.name} (${t(`report.role.${s.role}`)})`,
                key: shortFingerprint(s.keyFingerprint),
                time: formatDateTime(s.signedAt, t.locale),
              })}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
