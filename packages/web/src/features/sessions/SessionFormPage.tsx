import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { QueryError } from '../../components/QueryState';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { navigate, useSearchParams } from '../../router';
import { facilitiesOf } from '../auth/memberships';
import { useRights } from '../auth/use-can';
import { useMe } from '../auth/use-session';
import { isSpecialty, specialtyName } from '../registry/labels';
import { checkSessionForm, deviceZoneLabel, idsFromParam, localInputToOffsetIso, moveItem, nextFullHourInput } from './session-form';
import { sessionsApi } from './sessions.api';
import { SiteSearch } from './SiteSearch';

const FIELDS = [
  'hubFacilityId',
  'title',
  'startsAt',
  'durationMinutes',
  'chairUserId',
  'secretaryUserId',
  'specialistIds',
  'siteFacilityIds',
  'consultIds',
];
const shown = (f: string) => FIELDS.includes(f) || /^(consultIds|specialistIds|siteFacilityIds)\.\d+$/.test(f);

interface AgendaRow {
  id: string;
  ref: string;
  detail: string;
  included: boolean;
}

/** `/sessions/new?hubId=&consultIds=a,b`: a hub coordinator schedules a live consultation session. */
export function SessionFormPage() {
  const t = useT();
  const me = useMe();
  const rights = useRights();
  const hubs = useMemo(
    () =>
      facilitiesOf(me)
        .filter((f): f is typeof f & { facilityId: string } => f.facilityId !== null && rights.at('consult.triage', f.facilityId))
        .map((f) => ({ value: f.facilityId, label: f.name ?? f.code ?? f.facilityId })),
    [me, rights],
  );
  return (
    <Stack gap="md" maw={960}>
      <Title order={1} size="h2">
        {t('session.new')}
      </Title>
      {hubs.length === 0 ? <Alert color="yellow">{t('session.form.noHub')}</Alert> : <SessionForm hubs={hubs} />}
    </Stack>
  );
}

function SessionForm({ hubs }: { hubs: { value: string; label: string }[] }) {
  const t = useT();
  const notify = useNotice();
  const params = useSearchParams();
  const wantedHub = params.get('hubId') ?? '';
  const [urlConsultIds] = useState(() => idsFromParam(params.getAll('consultIds')));
  const [hubId, setHubId] = useState(() => hubs.find((h) => h.value === wantedHub)?.value ?? hubs[0]?.value ?? '');
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(() => nextFullHourInput());
  const [duration, setDuration] = useState<number | string>(60);
  const [chair, setChair] = useState('');
  const [secretary, setSecretary] = useState('');
  const [specialistIds, setSpecialistIds] = useState<string[]>([]);
  const [sites, setSites] = useState<{ id: string; name: string }[]>([]);
  const [order, setOrder] = useState<string[]>([]);
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems(shown);

  const specialists = useQuery(`hub-specialists:${hubId}`, (signal) =>
    hubId ? sessionsApi.specialists(hubId, signal) : Promise.resolve([]),
  );
  const accepted = useQuery(`hub-accepted:${hubId}`, (signal) =>
    hubId ? sessionsApi.acceptedConsults(hubId, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );
  // Requests named in the address that are not in the hub's list (another state, or a later page) are read one by one.
  const fromUrl = useQuery(`session-url-consults:${urlConsultIds.join(',')}`, (signal) =>
    Promise.all(urlConsultIds.map((id) => sessionsApi.consult(id, signal).catch(() => null))),
  );

  // The agenda: the requests named in the address first, then the hub's waiting ones; the user's order and ticks on top.
  const known = useMemo(() => {
    const rows = new Map<string, { ref: string; detail: string }>();
    for (const c of fromUrl.data ?? []) if (c) rows.set(c.id, { ref: c.ref, detail: c.requestingFacility.name });
    for (const c of accepted.data?.items ?? []) {
      if (!rows.has(c.id)) rows.set(c.id, { ref: c.ref, detail: [c.requestingFacility.name, c.patientName].filter(Boolean).join(' · ') });
    }
    return rows;
  }, [fromUrl.data, accepted.data]);
  const agenda: AgendaRow[] = useMemo(() => {
    const ids = [...order.filter((id) => known.has(id)), ...[...known.keys()].filter((id) => !order.includes(id))];
    return ids.map((id) => ({ id, ...(known.get(id) ?? { ref: id, detail: '' }), included: ticks[id] ?? urlConsultIds.includes(id) }));
  }, [known, order, ticks, urlConsultIds]);

  const me = useMe();
  const people = specialists.data ?? [];
  // The coordinator scheduling may chair or keep the minutes though not listed among the specialists.
  const staff = people.some((p) => p.id === me.user.id) ? people : [...people, { id: me.user.id, name: me.user.displayName }];
  const personOptions = [{ value: '', label: t('common.choose') }, ...staff.map((p) => ({ value: p.id, label: p.name }))];

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const consultIds = agenda.filter((r) => r.included).map((r) => r.id);
    const found = checkSessionForm({
      hubFacilityId: hubId,
      title,
      start,
      durationMinutes: duration,
      chairUserId: chair,
      secretaryUserId: secretary,
      consultIds,
    });
    if (Object.keys(found).length > 0) {
      const problems: Record<string, Problem> = {};
      for (const [field, key] of Object.entries(found)) problems[field] = { key };
      return form.showLocal(problems);
    }
    setBusy(true);
    try {
      const created = await sessionsApi.create({
        hubFacilityId: hubId,
        title: title.trim(),
        startsAt: localInputToOffsetIso(start),
        durationMinutes: Number(duration),
        chairUserId: chair,
        secretaryUserId: secretary,
        specialistIds: specialistIds.filter((id) => id !== chair && id !== secretary),
        siteFacilityIds: sites.map((s) => s.id),
        consultIds,
      });
      notify({ color: 'green', message: t('session.created') });
      navigate(`/sessions/${encodeURIComponent(created.id)}`);
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="session-form">
      <Stack gap="md">
        <FormAlert problem={form.formProblem} />
        <Fieldset legend={t('session.form.title')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('session.form.hub')}
              value={hubId}
              data={hubs}
              onChange={(e) => {
                setHubId(e.currentTarget.value);
                setChair('');
                setSecretary('');
                setSpecialistIds([]);
                form.clear('hubFacilityId');
              }}
              error={form.err('hubFacilityId')}
              withAsterisk
              data-testid="session-hub"
            />
            <TextInput
              label={t('session.form.title')}
              description={t('session.form.titleHint')}
              value={title}
              onChange={(e) => {
                setTitle(e.currentTarget.value);
                form.clear('title');
              }}
              error={form.err('title')}
              withAsterisk
              maxLength={300}
              data-testid="session-title"
            />
            <TextInput
              type="datetime-local"
              label={t('session.form.start')}
              description={t('session.form.startHint', { zone: deviceZoneLabel() })}
              value={start}
              onChange={(e) => {
                setStart(e.currentTarget.value);
                form.clear('startsAt');
              }}
              error={form.err('startsAt')}
              withAsterisk
              data-testid="session-start"
            />
            <NumberInput
              label={t('session.form.duration')}
              value={duration}
              onChange={(v) => {
                setDuration(v);
                form.clear('durationMinutes');
              }}
              min={10}
              max={480}
              step={15}
              allowDecimal={false}
              error={form.err('durationMinutes')}
              withAsterisk
              data-testid="session-duration"
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('session.form.people')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('session.form.chair')}
              value={chair}
              data={personOptions}
              onChange={(e) => {
                setChair(e.currentTarget.value);
                form.clear('chairUserId');
                form.clear('secretaryUserId');
              }}
              error={form.err('chairUserId')}
              withAsterisk
              data-testid="session-chair"
            />
            <NativeSelect
              label={t('session.form.secretary')}
              value={secretary}
              data={personOptions}
              onChange={(e) => {
                setSecretary(e.currentTarget.value);
                form.clear('secretaryUserId');
              }}
              error={form.err('secretaryUserId')}
              withAsterisk
              data-testid="session-secretary"
            />
          </SimpleGrid>
          {specialists.error !== undefined && (
            <Box mt="sm">
              <QueryError error={specialists.error} onRetry={specialists.reload} />
            </Box>
          )}
          <Checkbox.Group
            mt="md"
            label={t('session.form.specialists')}
            value={specialistIds}
            onChange={setSpecialistIds}
            error={form.err('specialistIds')}
            data-testid="session-specialists"
          >
            <Stack gap={6} mt={6}>
              {specialists.data !== undefined && people.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('session.form.noSpecialists')}
                </Text>
              )}
              {people.map((p) => (
                <Checkbox
                  key={p.id}
                  value={p.id}
                  disabled={p.id === chair || p.id === secretary}
                  data-testid={`session-specialist-${p.id}`}
                  label={
                    <Group gap={6}>
                      <span>{p.name}</span>
                      {p.specialties.filter(isSpecialty).map((s) => (
                        <Badge key={s} size="xs" variant="light" tt="none">
                          {specialtyName(s, t.locale)}
                        </Badge>
                      ))}
                      {p.onCallNow && (
                        <Badge size="xs" color="green.8" tt="none">
                          {t('session.form.onCall')}
                        </Badge>
                      )}
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Fieldset>
        <Fieldset legend={t('session.form.sites')}>
          <Text size="sm" c="dimmed" mb="xs">
            {t('session.form.sitesHint')}
          </Text>
          <SiteSearch
            label={t('session.form.siteSearch')}
            exclude={sites.map((s) => s.id)}
            onPick={(f) => {
              setSites((list) => (list.length >= 30 ? list : [...list, f]));
              form.clear('siteFacilityIds');
            }}
          />
          {form.err('siteFacilityIds') && (
            <Text size="sm" c="red" role="alert">
              {form.err('siteFacilityIds')}
            </Text>
          )}
          <Group gap="xs" mt="xs">
            {sites.map((s) => (
              <Badge
                key={s.id}
                variant="light"
                tt="none"
                size="lg"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('session.form.removeSite', { name: s.name })}
                    onClick={() => setSites((list) => list.filter((x) => x.id !== s.id))}
                  />
                }
              >
                {s.name}
              </Badge>
            ))}
          </Group>
        </Fieldset>
        <Fieldset legend={t('session.form.agenda')} data-testid="session-agenda">
          <Text size="sm" c="dimmed" mb="xs">
            {t('session.form.agendaHint')}
          </Text>
          {form.err('consultIds') && (
            <Text size="sm" c="red" role="alert" mb="xs">
              {form.err('consultIds')}
            </Text>
          )}
          {accepted.data !== undefined && agenda.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('session.form.agendaEmpty')}
            </Text>
          )}
          <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
            {agenda.map((row, i) => (
              <Paper key={row.id} component="li" withBorder p="xs" radius="sm" data-testid="session-agenda-item" data-consult-id={row.id}>
                <Group justify="space-between" wrap="nowrap">
                  <Checkbox
                    checked={row.included}
                    onChange={(e) => {
                      const included = e.currentTarget.checked;
                      setTicks((m) => ({ ...m, [row.id]: included }));
                      form.clear('consultIds');
                    }}
                    aria-label={t('session.form.include', { ref: row.ref })}
                    label={
                      <Stack gap={0}>
                        <Text size="sm" fw={600} ff="monospace">
                          {row.ref}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {row.detail}
                        </Text>
                      </Stack>
                    }
                  />
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      disabled={i === 0}
                      onClick={() =>
                        setOrder(
                          moveItem(
                            agenda.map((r) => r.id),
                            i,
                            -1,
                          ),
                        )
                      }
                      aria-label={t('session.form.moveUp', { ref: row.ref })}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      disabled={i === agenda.length - 1}
                      onClick={() =>
                        setOrder(
                          moveItem(
                            agenda.map((r) => r.id),
                            i,
                            1,
                          ),
                        )
                      }
                      aria-label={t('session.form.moveDown', { ref: row.ref })}
                    >
                      ↓
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={() => navigate('/sessions')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="session-submit">
            {t('session.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
