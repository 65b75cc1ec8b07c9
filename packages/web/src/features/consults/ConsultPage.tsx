import { Anchor, Badge, Breadcrumbs, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import type { ConsultDetail } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { useRealtime } from '../notifications/use-realtime';
import type { PageProps } from '../../layout/routes';
import { Link, navigate, usePath, useSearchParams } from '../../router';
import { AttachmentsTab } from './AttachmentsTab';
import { ConsultActions } from './ConsultActions';
import { ConsultHeader } from './ConsultHeader';
import { consultsApi } from './consults.api';
import { DiscussionTab } from './DiscussionTab';
import { OutcomeTab } from './OutcomeTab';
import { ReportTab } from './ReportTab';
import { SummaryTab } from './SummaryTab';
import { TimelineTab } from './TimelineTab';

const TABS = ['summary', 'attachments', 'discussion', 'timeline', 'report', 'outcome'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v);

/** One consultation request: who asks what, the actions the caller may take now, and its six tabs. */
export function ConsultPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const detail = useQuery(`consult:${id}`, (signal) => consultsApi.get(id, signal));
  // Someone else moved the request (the hub accepted, the site answered, a report was signed): refetch.
  useRealtime((m) => {
    if (m.type === 'consult.changed' && m.consultId === id) detail.reload();
  });
  return (
    <Stack gap="md" maw={1400}>
      <QueryState query={detail} skeleton={<Skeleton h={320} />}>
        {(d) => <ConsultBody detail={d} reload={detail.reload} />}
      </QueryState>
    </Stack>
  );
}

function ConsultBody({ detail: d, reload }: { detail: ConsultDetail; reload: () => void }) {
  const t = useT();
  const path = usePath();
  const search = useSearchParams();
  const asked = search.get('tab');
  const tab: Tab = isTab(asked) ? asked : 'summary';
  const choose = (next: string | null) => {
    if (!isTab(next)) return;
    const params = new URLSearchParams(search);
    if (next === 'summary') params.delete('tab');
    else params.set('tab', next);
    const qs = params.toString();
    navigate(`${path}${qs ? `?${qs}` : ''}`, { replace: true, keepScroll: true });
  };
  const count = (n: number) =>
    n > 0 ? (
      <Badge size="xs" variant="light" circle>
        {n}
      </Badge>
    ) : null;

  return (
    <>
      <Breadcrumbs separator="›">
        <Anchor component={Link} href={d.myRoles.includes('hub') ? '/triage' : '/consults'} size="sm">
          {t(d.myRoles.includes('hub') ? 'triage.title' : 'case.list')}
        </Anchor>
        <Text size="sm">{d.ref}</Text>
      </Breadcrumbs>
      <ConsultHeader detail={d} />
      <ConsultActions detail={d} onChanged={reload} onReportOutcome={() => choose('outcome')} />
      <Tabs value={tab} onChange={choose} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          <Tabs.Tab value="summary" data-testid="tab-summary">
            {t('case.tab.summary')}
          </Tabs.Tab>
          <Tabs.Tab value="attachments" data-testid="tab-attachments" rightSection={count(d.attachments.length)}>
            {t('case.tab.attachments')}
          </Tabs.Tab>
          <Tabs.Tab value="discussion" data-testid="tab-discussion">
            {t('case.tab.discussion')}
          </Tabs.Tab>
          <Tabs.Tab value="timeline" data-testid="tab-timeline">
            {t('case.tab.timeline')}
          </Tabs.Tab>
          <Tabs.Tab value="report" data-testid="tab-report">
            {t('case.tab.report')}
          </Tabs.Tab>
          <Tabs.Tab value="outcome" data-testid="tab-outcome">
            {t('case.tab.outcome')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          <SummaryTab detail={d} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsTab detail={d} />
        </Tabs.Panel>
        <Tabs.Panel value="discussion" pt="md">
          <DiscussionTab detail={d} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelineTab detail={d} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <ReportTab detail={d} onChanged={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="outcome" pt="md">
          <OutcomeTab detail={d} onChanged={reload} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
