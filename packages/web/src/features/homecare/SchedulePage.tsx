import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Visit } from '@vuonxa/core';
import { useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { QueryError, QueryState } from '../../components/QueryState';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { formatDate, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { useMe } from '../auth/use-session';
import { directoryFiltersFrom, practitionersApi } from '../directory/practitioners.api';
import { CardSkeletons } from './PhonePage';
import { ScheduleForm } from './ScheduleForm';
import { ServicesSection } from './ServicesSection';
import { WalkInAdmin } from './WalkInAdmin';
import { VISIT_STATE_COLOR, formatDayHeading, formatTime, groupByDay } from './homecare-logic';
import type { VisitScope } from './homecare.api';
import { referenceApi, scheduleApi, visitsApi } from './homecare.api';

/**
 * `/homecare/schedule` (Khám từ xa tại nhà): a doctor publishes their visit hours and sees their coming visits; a
 * facility administrator also manages the services and fees, holidays, everyone's hours and the walk-in clinic.
 */
export function SchedulePage() {
  const t = useT();
  const me = useMe();
  const facilityId = me.activeFacilityId;
  const canManage = me.permissions.includes('visit.manage');
  const canConduct = me.permissions.includes('visit.conduct');
  let body: ReactNode;
  if (!facilityId) body = <Alert color="yellow">{t('schedule.noFacility')}</Alert>;
  else if (!canManage && !canConduct) body = <Alert color="yellow">{t('page.forbidden.body')}</Alert>;
  else body = <ScheduleSections facilityId={facilityId} canManage={canManage} canConduct={canConduct} userId={me.user.id} />;
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('schedule.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('schedule.intro')}
        </Text>
      </Stack>
      {body}
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ScheduleSections({
  facilityId,
  canManage,
  canConduct,
  userId,
}: {
  facilityId: string;
  canManage: boolean;
  canConduct: boolean;
  userId: string;
}) {
  const t = useT();
  const services = useQuery(`visit-services:${facilityId}`, (signal) => referenceApi.services({ facilityId }, signal));
  const staff = useQuery(`practitioners:${facilityId}`, (signal) =>
    practitionersApi.list(directoryFiltersFrom(new URLSearchParams({ facilityId })), null, signal),
  );
  const self = staff.data?.items.find((p) => p.userId === userId);
  // A doctor publishes their own hours; the facility's administrator anyone's.
  const practitioners = useMemo(
    () =>
      (canManage ? (staff.data?.items ?? []) : self ? [self] : []).map((p) => ({
        id: p.id,
        name: p.fullName,
      })),
    [canManage, staff.data, self],
  );
  const [visitsNonce, setVisitsNonce] = useState(0);
  const serviceList = services.data;

  return (
    <Stack gap="xl">
      <Section id="schedule-visits" title={t('schedule.visits')}>
        <StaffVisits facilityId={facilityId} canManage={canManage} canConduct={canConduct} nonce={visitsNonce} />
      </Section>

      {services.error !== undefined ? (
        <QueryError error={services.error} onRetry={services.reload} />
      ) : staff.error !== undefined ? (
        <QueryError error={staff.error} onRetry={staff.reload} />
      ) : serviceList === undefined || staff.data === undefined ? (
        <CardSkeletons count={2} height={160} />
      ) : (
        <>
          {!canManage && !self && (
            <Alert color="yellow" data-testid="schedule-no-practitioner">
              {t('schedule.noPractitioner')}
            </Alert>
          )}
          <Section id="schedule-walkin" title={t('walkin.admin.title')}>
            <WalkInAdmin
              facilityId={facilityId}
              services={serviceList}
              practitioners={practitioners}
              defaultPractitionerId={self?.id ?? ''}
            />
          </Section>
          <Section id="schedule-hours" title={t('schedule.hours')}>
            {serviceList.filter((s) => s.active).length === 0 ? (
              <Alert color="yellow" data-testid="schedule-no-service">
                {canManage ? t('schedule.noServiceManage') : t('schedule.noService')}
              </Alert>
            ) : (
              <Paper withBorder p="md">
                <ScheduleForm
                  facilityId={facilityId}
                  services={serviceList}
                  practitioners={practitioners}
                  defaultPractitionerId={self?.id ?? (practitioners.length === 1 ? (practitioners[0]?.id ?? '') : '')}
                  onPublished={() => setVisitsNonce((n) => n + 1)}
                />
              </Paper>
            )}
          </Section>
          {canManage && (
            <Section id="schedule-holidays" title={t('holiday.title')}>
              <HolidayForm facilityId={facilityId} />
            </Section>
          )}
          {canManage && (
            <Section id="schedule-services" title={t('service.title')}>
              <ServicesSection facilityId={facilityId} services={serviceList} onAdded={services.reload} />
            </Section>
          )}
        </>
      )}
    </Stack>
  );
}

function StaffVisits({
  facilityId,
  canManage,
  canConduct,
  nonce,
}: {
  facilityId: string;
  canManage: boolean;
  canConduct: boolean;
  nonce: number;
}) {
  const t = useT();
  const scopes: VisitScope[] = [...(canConduct ? (['practitioner'] as const) : []), ...(canManage ? (['facility'] as const) : [])];
  const [scope, setScope] = useState<VisitScope>(scopes[0] ?? 'practitioner');
  const [from] = useState(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  });
  const query = scope === 'facility' ? { scope, facilityId, from } : { scope, from };
  const visits = useQuery(`staff-visits:${JSON.stringify(query)}:${nonce}`, (signal) => visitsApi.list(query, signal));

  return (
    <Stack gap="sm">
      {scopes.length > 1 && (
        <SegmentedControl
          value={scope}
          onChange={(v) => setScope(v === 'facility' ? 'facility' : 'practitioner')}
          data={scopes.map((s) => ({ value: s, label: t(`schedule.scope.${s}`) }))}
          w="fit-content"
          data-testid="schedule-scope"
        />
      )}
      <QueryState query={visits} skeleton={<CardSkeletons count={2} height={56} />}>
        {(list) => <VisitsByDay visits={list} />}
      </QueryState>
    </Stack>
  );
}

function VisitsByDay({ visits }: { visits: Visit[] }) {
  const t = useT();
  const days = groupByDay(visits);
  const walkIns = visits.filter((v) => v.startsAt === null);
  if (visits.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="staff-visits-empty">
        {t('schedule.visitsEmpty')}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {days.map((day) => (
        <Stack key={day.day} gap={6}>
          <Title order={3} size="h5" tt="capitalize">
            {formatDayHeading(day.day, t.locale)}
          </Title>
          {day.items.map((v) => (
            <StaffVisitRow key={v.id} visit={v} time={v.startsAt ? formatTime(v.startsAt, t.locale) : ''} />
          ))}
        </Stack>
      ))}
      {walkIns.length > 0 && (
        <Stack gap={6}>
          <Title order={3} size="h5">
            {t('visit.kind.walk_in')}
          </Title>
          {walkIns.map((v) => (
            <StaffVisitRow key={v.id} visit={v} time={v.queueNumber !== null ? `#${v.queueNumber}` : ''} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function StaffVisitRow({ visit: v, time }: { visit: Visit; time: string }) {
  const t = useT();
  return (
    <Paper
      withBorder
      p="sm"
      component={Link}
      href={`/homecare/visits/${encodeURIComponent(v.id)}`}
      data-testid="staff-visit-item"
      data-state={v.state}
      data-visit-id={v.id}
      style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
          <Text fw={700} ff="monospace" style={{ flexShrink: 0 }}>
            {time}
          </Text>
          <Stack gap={0} miw={0}>
            <Text size="sm" fw={600}>
              {v.patient.name} · {formatDate(v.patient.birthDate, t.locale)}
            </Text>
            <Text size="sm">{t('visit.conditionValue', { no: v.condition.no, name: v.condition.name })}</Text>
            <Text size="xs" c="dimmed">
              {v.service.name}
              {v.practitioner && ` · ${v.practitioner.name}`} · {v.reason}
            </Text>
          </Stack>
        </Group>
        <Badge color={VISIT_STATE_COLOR[v.state]} variant="light" tt="none" style={{ flexShrink: 0 }}>
          {t(`visit.state.${v.state}`)}
        </Badge>
      </Group>
    </Paper>
  );
}

function HolidayForm({ facilityId }: { facilityId: string }) {
  const t = useT();
  const notify = useNotice();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => f === 'date' || f === 'name');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found: Record<string, { key: 'form.required' | 'holiday.nameMin' }> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found['date'] = { key: 'form.required' };
    if (name.trim().length < 2) found['name'] = { key: 'holiday.nameMin' };
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await scheduleApi.addHoliday(facilityId, { date, name: name.trim() });
      notify({ color: 'green', message: t('holiday.added', { date: formatDate(date, t.locale) }) });
      setDate('');
      setName('');
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm">
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="holiday-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('holiday.intro')}
          </Text>
          <FormAlert problem={form.formProblem} />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('holiday.date')}
              withAsterisk
              min={localIsoDate()}
              value={date}
              onChange={(e) => {
                setDate(e.currentTarget.value);
                form.clear('date');
              }}
              error={form.err('date')}
              data-testid="holiday-date"
            />
            <TextInput
              label={t('holiday.name')}
              withAsterisk
              placeholder={t('holiday.namePlaceholder')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                form.clear('name');
              }}
              error={form.err('name')}
              maxLength={200}
              data-testid="holiday-name"
            />
            <Button type="submit" loading={busy} data-testid="holiday-submit">
              {t('holiday.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
