import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { AccountPerson } from '@vuonxa/core';
import type { ReactNode } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link, navigate, useSearchParams } from '../../router';
import { specialtyName } from '../registry/labels';
import { CardSkeletons, PhonePage } from './PhonePage';
import { VISIT_STATE_COLOR, formatVnd, specialtyOf } from './homecare-logic';
import type { PatientRecord } from './homecare.api';
import { careApi, prescriptionPdfHref, profileApi, recordDownloadHref } from './homecare.api';
import { recordPerson } from './patient-visit';
import { PAYMENT_STATUS_COLOR, paymentStatusKey } from './payment-logic';

/**
 * `/patient/record` (`?patientId=` for a family member): what the account may see of a person's record — visits
 * with their diagnoses, prescriptions, payments, consultations between doctors — and the whole of it as a file
 * to keep or take elsewhere.
 */
export function RecordPage() {
  const t = useT();
  const search = useSearchParams();
  const profile = useQuery('patient-profile', (signal) => profileApi.get(signal));
  return (
    <PhonePage title={t('record.title')} intro={t('record.intro')} back={{ href: '/patient', label: t('patientNav.home') }}>
      <QueryState query={profile} skeleton={<CardSkeletons count={3} />}>
        {(p) => {
          const person = recordPerson(p.people, search.get('patientId'));
          if (!person) {
            return (
              <Alert color="yellow" data-testid="record-no-person">
                <Stack gap="xs">
                  <Text size="sm">{t('record.noPerson')}</Text>
                  <Button component={Link} href="/patient/profile" size="sm" w="fit-content">
                    {t('patientHome.action.profile')}
                  </Button>
                </Stack>
              </Alert>
            );
          }
          return <PersonRecord people={p.people} person={person} />;
        }}
      </QueryState>
    </PhonePage>
  );
}

function PersonRecord({ people, person }: { people: readonly AccountPerson[]; person: AccountPerson }) {
  const t = useT();
  const record = useQuery(`patient-record:${person.patientId}`, (signal) => careApi.record(person.patientId, signal));
  return (
    <Stack gap="lg">
      {people.length > 1 && (
        <NativeSelect
          label={t('record.person')}
          value={person.patientId}
          onChange={(e) =>
            navigate(`/patient/record?patientId=${encodeURIComponent(e.currentTarget.value)}`, { replace: true, keepScroll: true })
          }
          data={people.map((p) => ({ value: p.patientId, label: `${p.fullName} (${t(`relation.${p.relation}`)})` }))}
          size="md"
          data-testid="record-person"
        />
      )}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={600}>{person.fullName}</Text>
          <Text size="sm" c="dimmed">
            {t('record.downloadHint')}
          </Text>
          <Button
            component="a"
            href={recordDownloadHref(person.patientId)}
            download
            variant="light"
            size="md"
            w="fit-content"
            data-testid="record-download"
          >
            {t('record.download')}
          </Button>
        </Stack>
      </Paper>
      <QueryState query={record} skeleton={<CardSkeletons count={4} />}>
        {(r) => <RecordSections record={r} />}
      </QueryState>
    </Stack>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  const t = useT();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id} data-testid={id}>
      <Group gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Badge variant="light" color="gray">
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('record.none')}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

function RecordSections({ record: r }: { record: PatientRecord }) {
  const t = useT();
  const visitById = new Map(r.visits.map((v) => [v.id, v]));
  return (
    <Stack gap="lg">
      <Section id="record-visits" title={t('record.visits')} count={r.visits.length}>
        {r.visits.map((v) => (
          <Paper
            key={v.id}
            component={Link}
            href={`/patient/visits/${encodeURIComponent(v.id)}`}
            withBorder
            p="sm"
            data-testid="record-visit"
            data-state={v.state}
            style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={2} miw={0}>
                <Text fw={600}>{formatDateTime(v.startsAt ?? v.createdAt, t.locale)}</Text>
                <Text size="sm" truncate>
                  {v.service.name}
                  {v.practitioner && ` · ${v.practitioner.name}`}
                </Text>
                {v.note && v.note.diagnoses.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('record.diagnoses', { codes: v.note.diagnoses.map((d) => d.code).join(', ') })}
                  </Text>
                )}
              </Stack>
              <Badge color={VISIT_STATE_COLOR[v.state]} variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t(`visit.state.${v.state}`)}
              </Badge>
            </Group>
          </Paper>
        ))}
      </Section>

      <Section id="record-prescriptions" title={t('record.prescriptions')} count={r.prescriptions.length}>
        {r.prescriptions.map((p) => (
          <Paper key={p.id} withBorder p="sm" data-testid="record-prescription">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Stack gap={2} miw={0}>
                <Text ff="monospace" fw={700}>
                  {p.code}
                </Text>
                <Text size="sm">
                  {formatDate(localIsoDate(new Date(p.issuedAt)), t.locale)} · {p.practitioner.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {p.items.map((it) => it.drug).join(', ')}
                </Text>
              </Stack>
              <Button
                component="a"
                href={prescriptionPdfHref(p.id)}
                target="_blank"
                rel="noopener"
                size="xs"
                variant="light"
                aria-label={t('rx.pdfOf', { code: p.code })}
              >
                {t('rx.pdf')}
              </Button>
            </Group>
          </Paper>
        ))}
      </Section>

      <Section id="record-payments" title={t('record.payments')} count={r.payments.length}>
        {r.payments.map((p) => {
          const v = visitById.get(p.visitId);
          return (
            <Paper key={p.id} withBorder p="sm" data-testid="record-payment" data-status={p.status}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text fw={700}>{formatVnd(p.amountVnd, t.locale) ?? t('fee.free')}</Text>
                  {v && (
                    <Text size="sm" truncate>
                      {formatDate(localIsoDate(new Date(v.startsAt ?? v.createdAt)), t.locale)} · {v.service.name}
                    </Text>
                  )}
                  {p.receiptNo && (
                    <Text size="sm" c="dimmed">
                      {t('pay.receipt', { number: p.receiptNo })}
                      {p.paidAt && ` · ${formatDateTime(p.paidAt, t.locale)}`}
                    </Text>
                  )}
                </Stack>
                <Badge color={PAYMENT_STATUS_COLOR[p.status]} variant="light" tt="none" style={{ flexShrink: 0 }}>
                  {t(paymentStatusKey(p))}
                </Badge>
              </Group>
            </Paper>
          );
        })}
      </Section>

      <Section id="record-consultations" title={t('record.consultations')} count={r.consultations.length}>
        {r.consultations.map((c) => {
          const specialty = specialtyOf(c.specialty);
          const stateKey = `consult.state.${c.state}`;
          return (
            <Paper key={c.id} withBorder p="sm" data-testid="record-consultation">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap={2} miw={0}>
                  <Text ff="monospace" fw={700}>
                    {c.ref}
                  </Text>
                  <Text size="sm">
                    {formatDate(localIsoDate(new Date(c.createdAt)), t.locale)}
                    {specialty && ` · ${specialtyName(specialty, t.locale)}`}
                  </Text>
                </Stack>
                <Badge variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
                  {t.has(stateKey) ? t(stateKey) : c.state}
                </Badge>
              </Group>
            </Paper>
          );
        })}
      </Section>

      <Text size="xs" c="dimmed" data-testid="record-generated">
        {t('record.generatedAt', { time: formatDateTime(r.generatedAt, t.locale) })}
      </Text>
    </Stack>
  );
}
