import { Alert, Badge, Box, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Payment } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { CardSkeletons } from './PhonePage';
import { formatVnd } from './homecare-logic';
import { careApi, receiptPdfHref } from './homecare.api';
import { useDemoMode } from './use-demo-mode';
import { usePoll } from './use-poll';
import { PAYMENT_STATUS_COLOR, bankName, paymentStatusKey } from './payment-logic';

/**
 * The payment of a finished visit: the amount in đồng, where it stands, and while it is due the VietQR code to
 * scan with a banking app, with the account and the transfer reference to type when scanning fails. Read again
 * every 5 s while due, so the receipt shows as soon as the bank reports the transfer. `forPatient`: the one who
 * pays (the QR, and in demo mode the test bank's button); the doctor sees the state only.
 */
export function PaymentPanel({ visitId, forPatient }: { visitId: string; forPatient: boolean }) {
  const t = useT();
  const payment = useQuery(`payment:${visitId}`, (signal) => careApi.payment(visitId, signal));
  usePoll(payment.reload, 5_000, payment.data?.status === 'pending');
  return (
    <Stack gap="sm" component="section" aria-labelledby="pay-title" data-testid="pay-panel">
      <Title order={2} size="h4" id="pay-title">
        {t('pay.title')}
      </Title>
      <QueryState query={payment} skeleton={<CardSkeletons count={1} height={160} />}>
        {(p) => <PaymentBody payment={p} forPatient={forPatient} onPaid={payment.reload} />}
      </QueryState>
    </Stack>
  );
}

function PaymentBody({ payment: p, forPatient, onPaid }: { payment: Payment; forPatient: boolean; onPaid: () => void }) {
  const t = useT();
  const amount = formatVnd(p.amountVnd, t.locale) ?? t('fee.free');
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="center">
          <Text fz={28} fw={700} data-testid="pay-amount" data-amount={p.amountVnd}>
            {amount}
          </Text>
          <Badge color={PAYMENT_STATUS_COLOR[p.status]} size="lg" tt="none" data-testid="pay-status" data-status={p.status}>
            {t(paymentStatusKey(p))}
          </Badge>
        </Group>
        {p.insuranceCovered && (
          <Badge variant="light" color="teal" tt="none" w="fit-content">
            {t('fee.insuranceCovered')}
          </Badge>
        )}
        {p.status === 'pending' && forPatient && <PendingPayment payment={p} amount={amount} onPaid={onPaid} />}
        {p.status === 'pending' && !forPatient && (
          <Text size="sm" c="dimmed">
            {t('pay.pendingDoctor')}
          </Text>
        )}
        {p.status === 'paid' && (
          <Alert color="green" data-testid="pay-receipt" data-receipt={p.receiptNo ?? ''}>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('pay.receipt', { number: p.receiptNo ?? '—' })}
              </Text>
              {p.paidAt && <Text size="sm">{t('pay.paidAt', { time: formatDateTime(p.paidAt, t.locale) })}</Text>}
              <Button
                component="a"
                href={receiptPdfHref(p.visitId)}
                target="_blank"
                rel="noopener"
                variant="light"
                color="green"
                size="xs"
                w="fit-content"
                data-testid="pay-receipt-pdf"
                aria-label={t('pay.receiptPdfOf', { number: p.receiptNo ?? '—' })}
              >
                {t('pay.receiptPdf')}
              </Button>
            </Stack>
          </Alert>
        )}
        {p.status === 'not_required' && (
          <Text size="sm" c="dimmed">
            {t('pay.notRequired')}
          </Text>
        )}
        {p.status === 'cancelled' && (
          <Text size="sm" c="dimmed">
            {t('pay.cancelled')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function PendingPayment({ payment: p, amount, onPaid }: { payment: Payment; amount: string; onPaid: () => void }) {
  const t = useT();
  const bank = p.bank;
  const bankLabel = bank ? [bankName(bank.bin), `BIN ${bank.bin}`].filter(Boolean).join(' · ') : null;
  return (
    <Stack gap="sm">
      {p.qrSvg ? (
        <>
          <Text size="sm">{t('pay.scan')}</Text>
          <Box
            role="img"
            aria-label={t('pay.qrLabel', { amount, account: bank?.accountName ?? '' })}
            data-testid="pay-qr"
            w="100%"
            maw={280}
            mx="auto"
            bg="white"
            p={4}
            style={{ lineHeight: 0, borderRadius: 8 }}
            // The SVG is made by our server from the VietQR payload (qrcode), never from anyone's input.
            dangerouslySetInnerHTML={{ __html: p.qrSvg }}
          />
        </>
      ) : (
        <Alert color="yellow">{t('pay.noQr')}</Alert>
      )}
      <Text size="sm" fw={600}>
        {t('pay.manual')}
      </Text>
      <DetailList
        testId="pay-bank"
        items={[
          { label: t('pay.bank'), value: bankLabel },
          { label: t('pay.accountNo'), value: bank ? <CopyValue value={bank.accountNo} testId="pay-account" /> : null },
          { label: t('pay.accountName'), value: bank?.accountName },
          { label: t('pay.amount'), value: <CopyValue value={String(p.amountVnd)} display={amount} testId="pay-amount-copy" /> },
          { label: t('pay.reference'), value: <CopyValue value={p.reference} testId="pay-reference" />, wide: true },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t('pay.referenceHint')}
      </Text>
      <Text size="xs" c="dimmed" role="status">
        {t('pay.autoRefresh')}
      </Text>
      <DemoBankButton paymentId={p.id} onPaid={onPaid} />
    </Stack>
  );
}

function CopyValue({ value, display, testId }: { value: string; display?: string; testId: string }) {
  const t = useT();
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <Text span ff="monospace" fw={600} size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {display ?? value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="light" onClick={copy} aria-label={t('pay.copyOf', { value })}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/** Demo mode only: the server's test bank "transfers" the amount, as the patient's bank would report it. */
function DemoBankButton({ paymentId, onPaid }: { paymentId: string; onPaid: () => void }) {
  const t = useT();
  const demo = useDemoMode();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!demo) return null;
  async function pay(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await careApi.testBankPay(paymentId);
      onPaid();
    } catch (error) {
      setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder p="sm" style={{ borderStyle: 'dashed', borderColor: 'var(--mantine-color-orange-6)' }}>
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color="orange" variant="filled">
            {t('devSms.badge')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('pay.demo.hint')}
          </Text>
        </Group>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Button
          color="orange"
          variant="light"
          loading={busy}
          onClick={() => void pay()}
          h="auto"
          py="xs"
          styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
          data-testid="pay-demo-bank"
        >
          {t('pay.demo.button')}
        </Button>
      </Stack>
    </Paper>
  );
}
