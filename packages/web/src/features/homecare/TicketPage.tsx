import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Ticket } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryError } from '../../components/QueryState';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { CardSkeletons, PhonePage } from './PhonePage';
import { formatTime, ticketPhase } from './homecare-logic';
import { walkInApi } from './homecare.api';
import { usePoll } from './use-poll';

/** How often the waiting screen asks for its place in the queue. */
const POLL_MS = 10_000;

/**
 * `/patient/walk-in/:walkInId/tickets/:visitId`: the waiting screen of a walk-in ticket — my number, how many are
 * ahead and the expected wait, refreshed every 10 s (and when the phone comes back to the page), then "your turn".
 */
export function TicketPage({ params }: PageProps) {
  const t = useT();
  const walkInId = params['walkInId'] ?? '';
  const visitId = params['visitId'] ?? '';
  const ticket = useQuery(`ticket:${walkInId}:${visitId}`, (signal) =>
    walkInApi.ticket(walkInId, visitId, signal).then((data) => ({ data, at: new Date().toISOString() })),
  );
  const phase = ticket.data ? ticketPhase(ticket.data.data) : 'waiting';
  usePoll(ticket.reload, POLL_MS, phase !== 'over');

  return (
    <PhonePage title={t('ticket.title')} back={{ href: '/patient/walk-in', label: t('walkin.title') }}>
      {ticket.data === undefined ? (
        ticket.error !== undefined ? (
          <QueryError error={ticket.error} onRetry={ticket.reload} />
        ) : (
          <CardSkeletons count={2} height={120} />
        )
      ) : (
        <>
          <TicketView ticket={ticket.data.data} visitId={visitId} />
          {ticket.error !== undefined && (
            <Alert color="yellow" role="status" data-testid="ticket-stale">
              {t('ticket.stale')}
            </Alert>
          )}
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {t('ticket.updatedAt', { time: formatTime(ticket.data.at, t.locale) })}
            </Text>
            <Button variant="subtle" size="sm" onClick={ticket.reload} loading={ticket.loading} data-testid="ticket-refresh">
              {t('ticket.refresh')}
            </Button>
          </Group>
          {phase !== 'over' && (
            <Text size="sm" c="dimmed">
              {t('ticket.keepOpen')}
            </Text>
          )}
        </>
      )}
    </PhonePage>
  );
}

function TicketView({ ticket, visitId }: { ticket: Ticket; visitId: string }) {
  const t = useT();
  const phase = ticketPhase(ticket);
  const visitHref = `/patient/visits/${encodeURIComponent(visitId)}`;
  return (
    <Stack gap="md" data-testid="ticket" data-phase={phase} data-state={ticket.state}>
      <Paper withBorder p="lg" ta="center">
        <Text size="sm" c="dimmed">
          {t('ticket.number')}
        </Text>
        <Text fz={56} fw={800} lh={1.1} data-testid="ticket-number">
          {ticket.number}
        </Text>
      </Paper>

      <div aria-live="polite" aria-atomic="true">
        {phase === 'your_turn' ? (
          <Alert color="green" variant="filled" title={t('ticket.yourTurn')} data-testid="ticket-your-turn">
            <Stack gap="sm">
              <Text size="sm">{t('ticket.yourTurnBody')}</Text>
              <Button component={Link} href={visitHref} color="dark" variant="white" size="lg" data-testid="ticket-join">
                {t('patientHome.join')}
              </Button>
            </Stack>
          </Alert>
        ) : phase === 'next' ? (
          <Alert color="teal" title={t('ticket.next')} data-testid="ticket-next">
            {t('ticket.nextBody')}
          </Alert>
        ) : phase === 'over' ? (
          <Alert color="gray" title={t(`visit.state.${ticket.state}`)} data-testid="ticket-over">
            <Button component={Link} href={visitHref} variant="light" size="md" mt="xs">
              {t('patientHome.details')}
            </Button>
          </Alert>
        ) : null}
      </div>

      {phase !== 'over' && (
        <SimpleGrid cols={2} spacing="sm">
          <Paper withBorder p="md" ta="center">
            <Text size="sm" c="dimmed">
              {t('ticket.ahead')}
            </Text>
            <Text fz={28} fw={700} data-testid="ticket-ahead" data-value={ticket.ahead}>
              {formatNumber(ticket.ahead, t.locale)}
            </Text>
          </Paper>
          <Paper withBorder p="md" ta="center">
            <Text size="sm" c="dimmed">
              {t('ticket.wait')}
            </Text>
            <Text fz={28} fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="ticket-wait" data-value={ticket.expectedWaitMinutes}>
              {t('ticket.waitMinutes', { minutes: ticket.expectedWaitMinutes })}
            </Text>
          </Paper>
        </SimpleGrid>
      )}
      {phase === 'waiting' || phase === 'next' ? (
        <Text size="sm" c="dimmed">
          {t('ticket.waitNote')}
        </Text>
      ) : null}
    </Stack>
  );
}
