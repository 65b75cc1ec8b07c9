import { Alert, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import type { Visit, VisitService, WalkIn } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import { QueryState } from '../../components/QueryState';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { CardSkeletons } from './PhonePage';
import { walkInApi } from './homecare.api';
import { usePoll } from './use-poll';

interface Props {
  facilityId: string;
  services: readonly VisitService[];
  practitioners: readonly { id: string; name: string }[];
  defaultPractitionerId: string;
}

/** The facility's walk-in virtual clinics: open one with the doctors on duty, call the next patient, close it. */
export function WalkInAdmin({ facilityId, services, practitioners, defaultPractitionerId }: Props) {
  const list = useQuery(`walk-ins:${facilityId}`, (signal) => walkInApi.list({ facilityId }, signal));
  usePoll(list.reload, 15_000);
  return (
    <Stack gap="md">
      <QueryState query={list} skeleton={<CardSkeletons count={1} height={100} />}>
        {(walkIns) => <OpenList walkIns={walkIns} onChanged={list.reload} />}
      </QueryState>
      <OpenForm
        facilityId={facilityId}
        services={services}
        practitioners={practitioners}
        defaultPractitionerId={defaultPractitionerId}
        onOpened={list.reload}
      />
    </Stack>
  );
}

function OpenList({ walkIns, onChanged }: { walkIns: WalkIn[]; onChanged: () => void }) {
  const t = useT();
  if (walkIns.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="walkin-admin-none">
        {t('walkin.admin.none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {walkIns.map((w) => (
        <OpenClinic key={w.id} walkIn={w} onChanged={onChanged} />
      ))}
    </Stack>
  );
}

function OpenClinic({ walkIn: w, onChanged }: { walkIn: WalkIn; onChanged: () => void }) {
  const t = useT();
  const notify = useNotice();
  const [called, setCalled] = useState<Visit | null>(null);
  const [busy, setBusy] = useState<'next' | 'close' | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);

  async function next(): Promise<void> {
    setBusy('next');
    try {
      setCalled(await walkInApi.next(w.id));
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') notify({ color: 'yellow', message: t('walkin.admin.nobody') });
      else notify({ color: 'red', message: errorMessage(t, error) });
    } finally {
      setBusy(null);
    }
  }

  async function close(): Promise<void> {
    setBusy('close');
    try {
      await walkInApi.close(w.id);
      setConfirmClose(false);
      notify({ color: 'green', message: t('walkin.admin.closed') });
      onChanged();
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="md" data-testid="walkin-admin-item" data-walkin-id={w.id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0}>
            <Text fw={700}>{w.service.name}</Text>
            <Text size="xs" c="dimmed">
              {t('walkin.admin.openedAt', { time: formatDateTime(w.openedAt, t.locale) })}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge variant="light" tt="none" size="lg" data-testid="walkin-admin-waiting" data-value={w.waiting}>
              {t('walkin.waiting', { count: w.waiting })}
            </Badge>
            <Badge variant="light" color="gray" tt="none" size="lg">
              {t('walkin.expectedWait', { minutes: w.expectedWaitMinutes })}
            </Badge>
          </Group>
        </Group>
        {called && (
          <Alert color="teal" title={t('walkin.admin.calledTitle', { number: called.queueNumber ?? '—' })} data-testid="walkin-called">
            <Text size="sm" fw={600}>
              {called.patient.name} · {formatDate(called.patient.birthDate, t.locale)}
            </Text>
            <Text size="sm">{t('visit.conditionValue', { no: called.condition.no, name: called.condition.name })}</Text>
            <Text size="sm" c="dimmed">
              {called.reason}
            </Text>
            <Button
              component={Link}
              href={`/homecare/visits/${encodeURIComponent(called.id)}`}
              size="sm"
              mt="xs"
              color="teal"
              data-testid="walkin-called-open"
            >
              {t('walkin.admin.openVisit')}
            </Button>
          </Alert>
        )}
        <Group gap="sm">
          <Button onClick={() => void next()} loading={busy === 'next'} disabled={busy !== null} data-testid="walkin-next">
            {t('walkin.admin.next')}
          </Button>
          <Button variant="outline" color="red" onClick={() => setConfirmClose(true)} disabled={busy !== null} data-testid="walkin-close">
            {t('walkin.admin.close')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirmClose}
        onClose={() => setConfirmClose(false)}
        title={t('walkin.admin.close')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('walkin.admin.closeConfirm', { count: w.waiting })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy === 'close'} onClick={() => void close()} data-testid="walkin-close-confirm">
              {t('walkin.admin.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function OpenForm({ facilityId, services, practitioners, defaultPractitionerId, onOpened }: Props & { onOpened: () => void }) {
  const t = useT();
  const notify = useNotice();
  const active = services.filter((s) => s.active);
  const [serviceId, setServiceId] = useState(active[0]?.id ?? '');
  const [chosen, setChosen] = useState<string[]>(defaultPractitionerId ? [defaultPractitionerId] : []);
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => f === 'serviceId' || f === 'practitionerIds' || /^practitionerIds\.\d+$/.test(f));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found: Record<string, { key: 'form.required' | 'walkin.admin.pickDoctor' }> = {};
    if (!serviceId) found['serviceId'] = { key: 'form.required' };
    if (chosen.length === 0) found['practitionerIds'] = { key: 'walkin.admin.pickDoctor' };
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await walkInApi.open(facilityId, { serviceId, practitionerIds: chosen });
      notify({ color: 'green', message: t('walkin.admin.opened') });
      onOpened();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm">
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="walkin-open-form">
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t('walkin.admin.open')}
          </Text>
          <FormAlert problem={form.formProblem} />
          <NativeSelect
            label={t('schedule.service')}
            withAsterisk
            value={serviceId}
            onChange={(e) => {
              setServiceId(e.currentTarget.value);
              form.clear('serviceId');
            }}
            data={[{ value: '', label: t('common.choose') }, ...active.map((s) => ({ value: s.id, label: s.name }))]}
            error={form.err('serviceId')}
            maw={420}
            data-testid="walkin-service"
          />
          <Checkbox.Group
            label={t('walkin.admin.doctors')}
            withAsterisk
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              form.clear('practitionerIds');
            }}
            error={form.err('practitionerIds')}
          >
            <Stack gap={6} mt={6}>
              {practitioners.map((p) => (
                <Checkbox key={p.id} value={p.id} label={p.name} data-testid={`walkin-practitioner-${p.id}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button type="submit" loading={busy} w="fit-content" data-testid="walkin-open">
            {t('walkin.admin.openSubmit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
