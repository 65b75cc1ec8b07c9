import { Alert, Anchor, Badge, Button, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ConsultDetail, ConsultReport } from '@vuonxa/core';
import { useMemo, useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useRealtime } from '../notifications/use-realtime';
import { sessionsApi } from '../sessions/sessions.api';
import { reportErrorMessage } from './report-error';
import { initialReportValues } from './report-form';
import { ReportDocument } from './ReportDocument';
import { ReportEditor } from './ReportEditor';
import { reportsApi } from './reports.api';
import { ReportVerifyBox } from './ReportVerifyBox';
import { SignModal } from './SignModal';

// A first report is drafted until the request is concluded; a final one is corrected by a new version after that.
const DRAFTABLE_STATES: readonly string[] = ['accepted', 'scheduled', 'in_session'];

type Bundle = Awaited<ReturnType<typeof reportsApi.bundle>>;

/**
 * The consultation report of a request (biên bản hội chẩn), for the consult page's Report tab: the draft
 * editor for the specialists and the hub, then the frozen record with its signatures, the signature check,
 * the PDF, the versions and, once final, a correction as a new version.
 */
export function ReportPanel(props: { consult: ConsultDetail; onChanged(): void }) {
  const { consult } = props;
  const bundle = useQuery(`report:${consult.id}`, (signal) => reportsApi.bundle(consult.id, signal));
  useRealtime((m) => {
    if (m.type === 'consult.changed' && m.consultId === consult.id) bundle.reload();
  });
  return (
    <Stack gap="md" data-testid="report-panel">
      <QueryState query={bundle} skeleton={<Skeleton h={240} />}>
        {(b) => <ReportBody consult={consult} bundle={b} reload={bundle.reload} onChanged={() => props.onChanged()} />}
      </QueryState>
    </Stack>
  );
}

function ReportBody({
  consult,
  bundle,
  reload,
  onChanged,
}: {
  consult: ConsultDetail;
  bundle: Bundle;
  reload: () => void;
  onChanged: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [signing, setSigning] = useState(false);
  const [amending, setAmending] = useState(false);
  const report = bundle.current;
  const writer = consult.myRoles.some((r) => r === 'specialist' || r === 'hub');
  const mayDraft = writer && DRAFTABLE_STATES.includes(consult.state);
  const editing = report ? report.state === 'draft' && report.canEdit : mayDraft;

  async function amend(r: ConsultReport): Promise<void> {
    setAmending(true);
    try {
      await reportsApi.amend(r.id);
      notify({ color: 'green', message: t('report.amended') });
      reload();
      onChanged();
    } catch (error) {
      notify({ color: 'red', message: reportErrorMessage(t, error) });
    } finally {
      setAmending(false);
    }
  }

  return (
    <>
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={2} size="h4">
            {t('report.title')}
          </Title>
          {report && (
            <>
              <Badge variant="default" tt="none">
                {t('report.version', { version: report.version })}
              </Badge>
              <Badge
                tt="none"
                variant="light"
                color={report.state === 'final' ? 'green' : report.state === 'signing' ? 'orange' : 'gray'}
                data-testid="report-state"
                data-state={report.state}
              >
                {t(`report.state.${report.state}`)}
              </Badge>
            </>
          )}
        </Group>
        <Group gap="xs">
          {report && report.state !== 'draft' && (
            <Button component="a" href={reportsApi.pdfUrl(report.id)} download variant="default" data-testid="report-pdf">
              {t('report.pdf')}
            </Button>
          )}
          {report?.state === 'final' && writer && bundle.versions.every((v) => v.version <= report.version) && (
            <Button variant="light" color="orange" loading={amending} onClick={() => void amend(report)} data-testid="report-amend">
              {t('report.amend')}
            </Button>
          )}
        </Group>
      </Group>

      {report && (
        <Text size="xs" c="dimmed">
          {t('report.draftedBy', { name: report.draftedBy.name })}
        </Text>
      )}

      {!report && !editing && (
        <Alert color="gray" data-testid="report-none">
          {t('report.noneReadOnly')}
        </Alert>
      )}

      {editing ? (
        <DraftEditor key={report?.id ?? 'new'} consult={consult} report={report} onSaved={reload} onFrozen={reload} />
      ) : (
        report && (
          <>
            {report.state !== 'draft' && <ReportVerifyBox reportId={report.id} stamp={`${report.state}:${report.signatures.length}`} />}
            <Signers report={report} onSign={() => setSigning(true)} />
            <ReportDocument report={report} />
            <SignModal
              report={report}
              opened={signing}
              onClose={() => setSigning(false)}
              onSigned={(signed) => {
                setSigning(false);
                notify({ color: 'green', message: signed.state === 'final' ? t('report.finalNotice') : t('report.signedNotice') });
                reload();
                if (signed.state === 'final') onChanged();
              }}
            />
          </>
        )
      )}

      <Versions bundle={bundle} />
    </>
  );
}

/** Loads what the editor starts with (the session of the request, the hub's specialists) and shows it. */
function DraftEditor({
  consult,
  report,
  onSaved,
  onFrozen,
}: {
  consult: ConsultDetail;
  report: ConsultReport | null;
  onSaved: () => void;
  onFrozen: () => void;
}) {
  const t = useT();
  // The latest session that was not cancelled holds who chaired and who attended.
  const sessionId = [...consult.sessions]
    .filter((s) => s.state !== 'cancelled')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0]?.id;
  const hubId = consult.targetHub?.id;
  const context = useQuery(`report-context:${consult.id}:${sessionId ?? ''}:${hubId ?? ''}`, async (signal) => {
    const [session, specialists] = await Promise.all([
      sessionId ? sessionsApi.get(sessionId, signal).catch(() => null) : Promise.resolve(null),
      // Only the hub's coordinators and specialists may list them; the others pick among the assigned.
      hubId ? sessionsApi.specialists(hubId, signal).catch(() => []) : Promise.resolve([]),
    ]);
    return { session, specialists };
  });
  const labels = useMemo(
    () => ({ history: t('report.prefill.history'), examination: t('report.prefill.examination'), question: t('report.prefill.question') }),
    [t],
  );

  if (context.data === undefined) return <Skeleton h={480} />;
  const { session, specialists } = context.data;
  const people = new Map<string, string>();
  for (const p of consult.assignments) people.set(p.id, p.name);
  if (session) {
    people.set(session.chair.id, session.chair.name);
    people.set(session.secretary.id, session.secretary.name);
    for (const i of session.invites) if (i.kind === 'specialist' && i.user) people.set(i.user.id, i.user.name);
  }
  for (const s of specialists) people.set(s.id, s.name);
  if (report) {
    people.set(report.content.chair.id, report.content.chair.name);
    people.set(report.content.secretary.id, report.content.secretary.name);
  }
  return (
    <ReportEditor
      consultId={consult.id}
      report={report}
      initial={initialReportValues(consult, report, session, labels)}
      people={[...people].map(([id, name]) => ({ id, name }))}
      onSaved={onSaved}
      onFrozen={onFrozen}
    />
  );
}

function Signers({ report, onSign }: { report: ConsultReport; onSign: () => void }) {
  const t = useT();
  if (report.state === 'draft') return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="report-signers">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fw={600}>{t('report.signers')}</Text>
          <List size="sm" spacing={2}>
            {report.requiredSigners.map((s) => (
              <List.Item key={s.id} data-testid="report-required-signer" data-signed={String(s.signed)}>
                {s.name} ({t(`report.role.${s.role}`)}) –{' '}
                <Text span c={s.signed ? 'green.8' : 'orange.8'} fw={600}>
                  {s.signed ? t('report.signed') : t('report.pending')}
                </Text>
              </List.Item>
            ))}
          </List>
        </Stack>
        {report.canSign && report.state === 'signing' && (
          <Button onClick={onSign} data-testid="report-sign">
            {t('report.sign')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function Versions({ bundle }: { bundle: Bundle }) {
  const t = useT();
  if (bundle.versions.length === 0) return null;
  const versions = [...bundle.versions].sort((a, b) => b.version - a.version);
  const byId = new Map(versions.map((v) => [v.id, v.version]));
  const current = bundle.current;
  const supersedes = current?.supersedesId ? byId.get(current.supersedesId) : undefined;
  return (
    <Stack component="section" gap={4} aria-labelledby="report-versions-title" data-testid="report-versions">
      <Text fw={600} size="sm" id="report-versions-title">
        {t('report.versions')}
      </Text>
      {supersedes !== undefined && (
        <Text size="sm" c="dimmed" data-testid="report-supersedes">
          {t('report.supersedes', { version: supersedes })}
        </Text>
      )}
      <List size="sm" spacing={2}>
        {versions.map((v) => (
          <List.Item key={v.id} data-testid="report-version" data-state={v.state}>
            <Anchor component="span" fw={v.id === current?.id ? 700 : 400} c="inherit" underline="never">
              {t('report.version', { version: v.version })}
            </Anchor>{' '}
            · {t(`report.state.${v.state}`)}
            {v.finalizedAt ? ` · ${t('report.finalizedAt', { time: formatDateTime(v.finalizedAt, t.locale) })}` : ''}
            {v.id === current?.id ? ` · ${t('report.current')}` : ''}
            {v.state === 'final' && versions.some((o) => o.version > v.version) ? ` · ${t('report.supersededBy')}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
