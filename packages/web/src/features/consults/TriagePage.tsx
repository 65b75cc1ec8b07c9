import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { SpecialtyCode, TriageQueue } from '@vuonxa/core';
import { useEffect, useMemo, useState } from 'react';
import { useRealtime } from '../notifications/use-realtime';
import { usePagedList } from '../../api/use-paged-list';
import { QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { navigate, useSearchParams } from '../../router';
import { facilitiesOf } from '../auth/memberships';
import { useRights } from '../auth/use-can';
import { useMe } from '../auth/use-session';
import { isSpecialty, specialtyOptions } from '../registry/labels';
import { consultsApi } from './consults.api';
import { TriageTable } from './TriageTable';
import { queueProgress, refreshLimit } from './triage-queue';
import { useNow } from './use-now';

const REFRESH_MS = 60_000;
const NO_QUEUE: TriageQueue = { items: [], nextCursor: null, waiting: 0, overdue: 0 };

/**
 * The hub coordinator's queue (`consult.triage`): requests waiting for a decision at one hub, as the
 * server orders them (emergency first, then longest waiting), with the time left to the response target.
 * Paged (50 at a time, "load more"); how many wait and are overdue are the server's counts for the whole
 * queue. Refreshed in the background without losing the rows loaded.
 */
export function TriagePage() {
  const t = useT();
  const me = useMe();
  const rights = useRights();
  const params = useSearchParams();
  const hubs = useMemo(
    () =>
      facilitiesOf(me)
        .filter((f): f is typeof f & { facilityId: string } => f.facilityId !== null && rights.at('consult.triage', f.facilityId))
        .sort((a, b) => Number(b.facilityId === me.activeFacilityId) - Number(a.facilityId === me.activeFacilityId)),
    [me, rights],
  );
  const askedHub = params.get('hubId');
  const hubId = hubs.find((h) => h.facilityId === askedHub)?.facilityId ?? hubs[0]?.facilityId ?? '';
  const askedSpecialty = params.get('specialty') ?? '';
  const specialty: SpecialtyCode | '' = isSpecialty(askedSpecialty) ? askedSpecialty : '';
  const key = `queue:${hubId}:${specialty}`;
  // The counts of the last first page, for the key they were asked with: a page of another hub's queue shows none.
  const [counts, setCounts] = useState<{ key: string; waiting: number; overdue: number } | null>(null);
  const queue = usePagedList(
    key,
    async (cursor, signal, shown) => {
      // A refresh asks again for the pages shown, so "load more" is not undone every minute.
      const page = hubId
        ? await consultsApi.queue(hubId, specialty, cursor, signal, cursor === null ? refreshLimit(shown) : undefined)
        : NO_QUEUE;
      if (cursor === null && !signal.aborted) setCounts({ key, waiting: page.waiting, overdue: page.overdue });
      return page;
    },
    { keepOnReload: true },
  );
  const now = useNow(30_000);
  const { reload } = queue;
  // A request arriving, forwarded here or moved by a colleague: refresh at once rather than at the next minute.
  useRealtime((m) => {
    if (
      m.type === 'consult.changed' ||
      (m.type === 'notification' && ['consult.submitted', 'consult.forwarded', 'consult.info_provided'].includes(m.notification.kind))
    )
      reload();
  });

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    window.addEventListener('focus', reload);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', reload);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  const apply = (next: { hubId?: string; specialty?: string }) => {
    const q = new URLSearchParams();
    const h = next.hubId ?? hubId;
    const s = next.specialty ?? specialty;
    if (h && h !== hubs[0]?.facilityId) q.set('hubId', h);
    if (s) q.set('specialty', s);
    const qs = q.toString();
    navigate(`/triage${qs ? `?${qs}` : ''}`, { replace: true, keepScroll: true });
  };

  const shownCounts = counts?.key === key ? counts : null;
  const progress = shownCounts && queueProgress(queue.items.length, shownCounts.waiting, queue.hasMore);
  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('triage.title')}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="triage-summary">
            {shownCounts ? t('triage.summary', { count: shownCounts.waiting, overdue: shownCounts.overdue }) : t('common.loading')}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          {hubs.length > 1 && (
            <NativeSelect
              label={t('triage.hub')}
              value={hubId}
              onChange={(e) => apply({ hubId: e.currentTarget.value })}
              data={hubs.map((h) => ({ value: h.facilityId, label: h.name ?? h.code ?? h.facilityId }))}
              data-testid="triage-hub"
            />
          )}
          <NativeSelect
            label={t('triage.specialty')}
            value={specialty}
            onChange={(e) => apply({ specialty: e.currentTarget.value })}
            data={[{ value: '', label: t('triage.specialty.all') }, ...specialtyOptions(t.locale)]}
            data-testid="triage-specialty"
          />
        </Group>
      </Group>
      {hubs.length === 0 && <Text c="dimmed">{t('triage.noHub')}</Text>}
      {queue.error !== undefined && <QueryError error={queue.error} onRetry={queue.reload} />}
      <TriageTable items={queue.items} loading={queue.loading} now={now} />
      {progress && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="triage-shown">
            {t('triage.shown', { shown: progress.shown, total: progress.total })}
          </Text>
          <Button variant="light" onClick={queue.loadMore} loading={queue.loadingMore} data-testid="triage-more">
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
      {!queue.loading && (
        <Text size="xs" c="dimmed">
          {t('triage.refreshed', { time: formatDateTime(new Date(now).toISOString(), t.locale) })}
        </Text>
      )}
    </Stack>
  );
}
