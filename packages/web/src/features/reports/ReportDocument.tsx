import { Badge, Box, Divider, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ConsultReport } from '@vuonxa/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box>
      <Text fw={700} size="sm" tt="uppercase" mb={4}>
        {title}
      </Text>
      {children}
    </Box>
  );
}

function Prose({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {text.trim() === '' ? '—' : text}
    </Text>
  );
}

/**
 * The report read-only, laid out as the printed record (biên bản) would look: a page of A4 proportions with
 * the heading, the people, the case, the discussion and the conclusion, and the signatures at the foot.
 */
export function ReportDocument({ report }: { report: ConsultReport }) {
  const t = useT();
  const c = report.content;
  return (
    <Paper
      withBorder
      shadow="sm"
      radius={2}
      p={{ base: 'md', sm: 48 }}
      maw={794}
      mx="auto"
      w="100%"
      ff="Georgia, 'Times New Roman', serif"
      data-testid="report-document"
    >
      <Stack gap="md">
        <Stack gap={2} align="center">
          <Title order={3} ta="center" tt="uppercase" ff="inherit">
            {t('report.doc.heading')}
          </Title>
          <Text size="sm">{t('report.doc.ref', { ref: c.consultRef })}</Text>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('report.version', { version: report.version })}
            </Text>
            <Badge
              size="xs"
              variant="light"
              tt="none"
              color={report.state === 'final' ? 'green' : report.state === 'signing' ? 'orange' : 'gray'}
            >
              {t(`report.state.${report.state}`)}
            </Badge>
          </Group>
        </Stack>
        <Divider />
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="32%">{t('report.heldAt')}</Table.Th>
              <Table.Td>{formatDateTime(c.heldAt, t.locale)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('report.places')}</Table.Th>
              <Table.Td>{c.places.join('; ')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('report.chair')}</Table.Th>
              <Table.Td>{c.chair.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('report.secretary')}</Table.Th>
              <Table.Td>{c.secretary.name}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {c.participants.length > 0 && (
          <Section title={t('report.participants')}>
            <List size="sm" type="ordered">
              {c.participants.map((p, i) => (
                <List.Item key={i}>{[p.name, p.role, p.facility].filter(Boolean).join(' – ')}</List.Item>
              ))}
            </List>
          </Section>
        )}
        <Section title={t('report.caseSummary')}>
          <Prose text={c.caseSummary} />
        </Section>
        <Section title={t('report.discussion')}>
          <Prose text={c.discussion} />
        </Section>
        <Section title={t('report.diagnoses')}>
          <List size="sm">
            {c.diagnoses.map((d) => (
              <List.Item key={d.code}>
                <Text span ff="monospace" fw={600}>
                  {d.code}
                </Text>{' '}
                {d.nameVi}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title={t('report.conclusion')}>
          <Prose text={c.conclusion} />
        </Section>
        <Section title={t('report.treatment')}>
          <Prose text={c.treatment} />
        </Section>
        <Section title={t('report.recommendedTests')}>
          <Prose text={c.recommendedTests} />
        </Section>
        <Section title={t('report.referralNeeded')}>
          <Text size="sm">
            {c.referralNeeded ? t('common.yes') : t('common.no')}
            {c.referralNeeded && c.referralNote ? ` – ${c.referralNote}` : ''}
          </Text>
        </Section>
        <Divider />
        <Group justify="space-around" align="flex-start" gap="xl">
          {report.requiredSigners.map((s) => {
            const sig = report.signatures.find((x) => x.signer.id === s.id);
            return (
              <Stack key={s.id} gap={2} align="center" miw={160}>
                <Text size="sm" fw={700}>
                  {t(`report.role.${s.role}`)}
                </Text>
                <Text size="xs" c={sig ? 'green.8' : 'dimmed'} fs="italic" mih={32}>
                  {sig ? `${t('report.signed')} · ${formatDateTime(sig.signedAt, t.locale)}` : t('report.pending')}
                </Text>
                <Text size="sm">{s.name}</Text>
              </Stack>
            );
          })}
        </Group>
      </Stack>
    </Paper>
  );
}
