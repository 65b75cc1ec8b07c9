import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ConsultDetail, Vitals } from '@vuonxa/core';
import type { ReactNode } from 'react';
import { DetailList } from '../../components/DetailList';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { PatientCard } from './PatientCard';

const VITALS: readonly { key: keyof Vitals; label: MessageKey; unit: string }[] = [
  { key: 'pulse', label: 'case.vitals.pulse', unit: '/min' },
  { key: 'systolic', label: 'case.vitals.bloodPressure', unit: 'mmHg' },
  { key: 'temperature', label: 'case.vitals.temperature', unit: '°C' },
  { key: 'respiratoryRate', label: 'case.vitals.respiratoryRate', unit: '/min' },
  { key: 'spo2', label: 'case.vitals.spo2', unit: '%' },
  { key: 'weightKg', label: 'case.vitals.weight', unit: 'kg' },
  { key: 'heightCm', label: 'case.vitals.height', unit: 'cm' },
  { key: 'glucoseMmol', label: 'case.vitals.glucose', unit: 'mmol/L' },
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const LongText = ({ children }: { children: string }) => (
  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
    {children || '—'}
  </Text>
);

/** The case as the requesting site wrote it: patient, history, examination, vitals, diagnoses, question. */
export function SummaryTab({ detail: d }: { detail: ConsultDetail }) {
  const t = useT();
  const c = d.clinical;
  const v = c.vitals;
  const vitals = VITALS.flatMap(({ key, label, unit }) => {
    const value = v[key];
    if (value === null) return [];
    const shown = key === 'systolic' ? `${formatNumber(value, t.locale)}/${v.diastolic ?? '—'}` : formatNumber(value, t.locale);
    return [{ label: t(label), value: `${shown} ${unit}` }];
  });
  return (
    <Stack gap="md">
      {d.state === 'needs_info' && d.openQuestion && (
        <Alert color="yellow" title={t('case.openQuestion')} data-testid="open-question">
          <LongText>{d.openQuestion}</LongText>
        </Alert>
      )}
      {d.declineReason && (
        <Alert color="red" title={t('case.declineReason')} data-testid="decline-reason">
          <LongText>{d.declineReason}</LongText>
        </Alert>
      )}
      <Section title={t('case.question')}>
        <LongText>{d.question}</LongText>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title={t('case.patient')}>
          {d.patient ? <PatientCard patient={d.patient} /> : <Text c="dimmed">{t('case.patient.none')}</Text>}
        </Section>
        <Section title={t('case.diagnoses')}>
          {d.diagnoses.length === 0 ? (
            <Text c="dimmed">—</Text>
          ) : (
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {d.diagnoses.map((x) => (
                <Group key={`${x.kind}:${x.code}`} component="li" gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant={x.kind === 'working' ? 'filled' : 'outline'} tt="none" miw={64} ff="monospace">
                    {x.code}
                  </Badge>
                  <Stack gap={0}>
                    <Text size="sm">{t.locale === 'vi' ? x.nameVi : (x.nameEn ?? x.nameVi)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`case.diagnosis.${x.kind}`)}
                      {x.note && ` · ${x.note}`}
                    </Text>
                  </Stack>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <Section title={t('case.clinical')}>
        <Stack gap="md">
          {vitals.length > 0 && <DetailList items={vitals} testId="consult-vitals" />}
          <DetailList
            items={[
              { label: t('case.clinical.history'), value: <LongText>{c.history}</LongText>, wide: true },
              { label: t('case.clinical.examination'), value: <LongText>{c.examination}</LongText>, wide: true },
              { label: t('case.clinical.currentTreatment'), value: <LongText>{c.currentTreatment}</LongText>, wide: true },
              { label: t('case.clinical.testsDone'), value: <LongText>{c.testsDone}</LongText>, wide: true },
            ]}
          />
        </Stack>
      </Section>
      <Section title={t('case.team')}>
        <DetailList
          items={[
            { label: t('case.assignments'), value: d.assignments.map((a) => a.name).join(', '), wide: true },
            {
              label: t('case.sessions'),
              wide: true,
              value:
                d.sessions.length === 0 ? null : (
                  <Stack gap={2}>
                    {d.sessions.map((s) => (
                      <Anchor key={s.id} component={Link} href={`/sessions/${encodeURIComponent(s.id)}`} size="sm">
                        {s.title} · {formatDateTime(s.startsAt, t.locale)}
                      </Anchor>
                    ))}
                  </Stack>
                ),
            },
            { label: t('case.createdAt'), value: formatDateTime(d.createdAt, t.locale) },
            { label: t('case.retainUntil'), value: d.retainUntil ? formatDate(d.retainUntil, t.locale) : null },
          ]}
        />
      </Section>
    </Stack>
  );
}
