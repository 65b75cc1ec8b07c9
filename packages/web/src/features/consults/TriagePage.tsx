import { Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { SpecialtyCode } from '@vuonxa/core';
import { useEffect, useMemo } from 'react';
import { useRealtime } from '../notifications/use-realtime';
import { useQuery } from '../../api/use-query';
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
import { useNow } from './use-now';

const REFRESH_MS = 60_000;

/**
 * The hub coordinator's queue (`consult.triage`): requests waiting for a decision at one hub, as the
 * server orders them (emergency first, then longest waiting), with the time left to the response target.
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
  const queue = useQuery(`queue:${hubId}:${specialty}`, (signal) =>
    hubId ? consultsApi.queue(hubId, specialty, signal) : Promise.resolve([]),
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

  const items = queue.data ?? [];
  const overdue = items.filter((c) => c.responseDueAt && new Date(c.responseDueAt).getTime() < now).length;
  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('triage.title')}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('triage.summary', { count: items.length, overdue })}
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
      <TriageTable items={items} loading={queue.loading && queue.data === undefined} now={now} />
      {queue.data !== undefined && (
        <Text size="xs" c="dimmed">
          {t('triage.refreshed', { time: formatDateTime(new Date(now).toISOString(), t.locale) })}
        </Text>
      )}
    </Stack>
  );
}
