import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { AuthFrame } from '../auth/AuthFrame';
import { CardSkeletons } from './PhonePage';
import { otpApi } from './homecare.api';
import { usePoll } from './use-poll';

/**
 * `/dev/sms`: the SMS the server would have sent, in demo mode only (the server answers 404 otherwise). Public,
 * like the sign-in page it serves, and said loudly to be a demo so nobody mistakes it for a real inbox.
 */
export function DevSmsPage() {
  const t = useT();
  const inbox = useQuery('dev-sms', (signal) => otpApi.devInbox(signal));
  const notDemo = inbox.error instanceof ApiError && inbox.error.code === 'NOT_FOUND';
  usePoll(inbox.reload, 5_000, !notDemo);

  return (
    <AuthFrame width={560}>
      <Stack>
        <Group gap="xs">
          <Badge color="orange" variant="filled">
            {t('devSms.badge')}
          </Badge>
        </Group>
        <Title order={2} size="h3" data-testid="dev-sms-title">
          {t('devSms.title')}
        </Title>
        <Text size="sm">{t('devSms.intro')}</Text>
        {notDemo ? (
          <Alert color="gray" data-testid="dev-sms-unavailable">
            {t('devSms.unavailable')}
          </Alert>
        ) : inbox.loading && inbox.data === undefined ? (
          <CardSkeletons count={2} height={64} />
        ) : inbox.error !== undefined ? (
          <QueryError error={inbox.error} onRetry={inbox.reload} />
        ) : (inbox.data ?? []).length === 0 ? (
          <Text c="dimmed" data-testid="dev-sms-empty">
            {t('devSms.empty')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
            {(inbox.data ?? []).map((m, i) => (
              <Paper key={`${m.at}-${i}`} component="li" withBorder p="sm" data-testid="dev-sms-message" data-to={m.to}>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {t('devSms.to', { phone: m.to })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(m.at, t.locale)}
                  </Text>
                </Group>
                <Text mt={4} style={{ overflowWrap: 'anywhere' }}>
                  {m.text}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        <Group justify="space-between">
          <Anchor component={Link} href="/patient/signin" size="sm">
            {t('devSms.backToSignIn')}
          </Anchor>
          {!notDemo && (
            <Button variant="light" onClick={inbox.reload} loading={inbox.loading && inbox.data !== undefined}>
              {t('devSms.refresh')}
            </Button>
          )}
        </Group>
      </Stack>
    </AuthFrame>
  );
}
