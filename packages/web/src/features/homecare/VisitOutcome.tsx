import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { VisitNote } from '@vuonxa/core';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { followUpDay } from './patient-visit';

/**
 * A visit ended on a red flag. For the patient: what they were told to do (go to emergency care, call 115),
 * loudly, with a button that calls 115 from a phone. For the doctor: that the visit ended so, on which flags, with
 * the advice recorded.
 */
export function EmergencyBanner({
  advice,
  redFlags,
  forDoctor,
}: {
  advice: string | null;
  redFlags?: readonly string[];
  forDoctor?: boolean;
}) {
  const t = useT();
  const flags = (redFlags ?? []).map((f) => {
    const key = `care.redFlag.${f}`;
    return t.has(key) ? t(key) : f;
  });
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      title={forDoctor ? t('care.emergency.doctorTitle') : t('care.emergency.title')}
      data-testid="visit-emergency-banner"
    >
      <Stack gap="sm">
        <Text size="sm">{forDoctor ? t('care.emergency.doctorBody', { flags: flags.join(', ') || '—' }) : t('care.emergency.body')}</Text>
        {advice && (
          <Paper p="sm" radius="sm" c="dark" bg="white">
            <Text size="xs" fw={700} tt="uppercase">
              {t('care.emergency.advice')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="visit-emergency-advice-text">
              {advice}
            </Text>
          </Paper>
        )}
        {!forDoctor && (
          <Button component="a" href="tel:115" color="dark" variant="white" size="md" w="fit-content">
            {t('care.emergency.call')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * What the doctor wrote, for the patient: the reason and findings, the diagnoses with their ICD-10 codes (named
 * when the prescription carries the names), the advice and when to come back.
 */
export function NoteSummary({ note, endedAt, names }: { note: VisitNote; endedAt: string | null; names?: ReadonlyMap<string, string> }) {
  const t = useT();
  const followUpDate = followUpDay(endedAt, note.followUp.inDays);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="note-summary-title" data-testid="visit-note-summary">
      <Stack gap="sm">
        <Title order={2} size="h4" id="note-summary-title">
          {t('care.summary.title')}
        </Title>
        <Field label={t('care.note.complaint')} value={note.complaint} />
        {note.findings && <Field label={t('care.note.findings')} value={note.findings} />}
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('care.note.diagnoses')}
          </Text>
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {note.diagnoses.map((d) => (
              <Text component="li" size="sm" key={d.code} data-testid="visit-diagnosis" data-code={d.code}>
                <Text span ff="monospace" fw={700}>
                  {d.code}
                </Text>
                {names?.get(d.code) && ` — ${names.get(d.code)}`}
                <Text span c="dimmed" size="xs">
                  {' '}
                  ({t(`care.note.kind.${d.kind}`)})
                </Text>
              </Text>
            ))}
          </Stack>
        </Stack>
        {note.advice && <Field label={t('care.note.advice')} value={note.advice} testId="visit-advice" />}
        {(note.followUp.inDays !== null || note.followUp.instructions) && (
          <Stack gap={2} data-testid="visit-follow-up">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('care.note.followUp')}
            </Text>
            {note.followUp.inDays !== null && (
              <Text size="sm" fw={600}>
                {followUpDate
                  ? t('care.summary.followUpOn', { days: note.followUp.inDays, date: formatDate(followUpDate, t.locale) })
                  : t('care.summary.followUpIn', { days: note.followUp.inDays })}
              </Text>
            )}
            {note.followUp.instructions && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.followUp.instructions}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
