import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { Prescription } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { CardSkeletons } from './PhonePage';
import { careApi, prescriptionPdfHref } from './homecare.api';

/** An issued e-prescription, loaded by its id (`rx-view`). */
export function PrescriptionById({ prescriptionId }: { prescriptionId: string }) {
  const rx = useQuery(`prescription:${prescriptionId}`, (signal) => careApi.prescription(prescriptionId, signal));
  return (
    <QueryState query={rx} skeleton={<CardSkeletons count={1} height={180} />}>
      {(p) => <PrescriptionView prescription={p} />}
    </QueryState>
  );
}

/**
 * The e-prescription as the pharmacy reads it: the national code, who issued it and when, the diagnoses, each
 * medicine (strength, form, dose, route, how often, how long, how many) and the advice, with the PDF to print
 * or show at the pharmacy.
 */
export function PrescriptionView({ prescription: p }: { prescription: Prescription }) {
  const t = useT();
  return (
    <Paper withBorder p="md" data-testid="rx-view" data-prescription-id={p.id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Stack gap={0}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('rx.code')}
            </Text>
            <Text ff="monospace" fw={700} size="lg" data-testid="rx-code">
              {p.code}
            </Text>
          </Stack>
          <Button
            component="a"
            href={prescriptionPdfHref(p.id)}
            target="_blank"
            rel="noopener"
            variant="light"
            data-testid="rx-pdf"
            aria-label={t('rx.pdfOf', { code: p.code })}
          >
            {t('rx.pdf')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('rx.issued', {
            time: formatDateTime(p.issuedAt, t.locale),
            doctor: p.practitioner.name,
            licence: p.practitioner.licenceNumber,
            facility: p.facility.name,
          })}
        </Text>
        <Text size="sm">
          {t('rx.patient', { name: p.patient.name, birthDate: formatDate(p.patient.birthDate, t.locale) })}
          {p.patient.insuranceNumber && ` · ${t('rx.insurance', { number: p.patient.insuranceNumber })}`}
        </Text>
        {p.diagnoses.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('rx.diagnoses')}
            </Text>
            {p.diagnoses.map((d) => (
              <Text size="sm" key={d.code}>
                <Text span ff="monospace" fw={700}>
                  {d.code}
                </Text>
                {d.name && ` — ${d.name}`}
              </Text>
            ))}
          </Stack>
        )}
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('rx.items')}>
          {p.items.map((it) => (
            <Paper key={it.ordinal} component="li" withBorder p="sm" radius="sm" data-testid="rx-item">
              <Stack gap={2}>
                <Text fw={700}>
                  {it.ordinal}. {it.drug}
                  {it.activeIngredient && (
                    <Text span fw={400} c="dimmed">
                      {' '}
                      ({it.activeIngredient})
                    </Text>
                  )}
                </Text>
                <Text size="sm">
                  {it.strength} · {it.form}
                </Text>
                <Text size="sm">
                  {t('rx.itemUse', {
                    dose: it.dose,
                    route: t(`rx.route.${it.route}`),
                    frequency: it.frequency,
                    days: it.durationDays,
                  })}
                </Text>
                <Group gap="xs">
                  <Badge variant="light" tt="none">
                    {t('rx.itemQuantity', { quantity: formatNumber(it.quantity, t.locale), unit: it.unit })}
                  </Badge>
                </Group>
                {it.instructions && (
                  <Text size="sm" c="dimmed">
                    {it.instructions}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
        {p.advice && (
          <Text size="sm">
            <Text span fw={600}>
              {t('rx.advice')}:
            </Text>{' '}
            {p.advice}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('rx.pharmacyHint')}
        </Text>
      </Stack>
    </Paper>
  );
}
