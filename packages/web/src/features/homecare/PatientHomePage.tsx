import { Alert, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Visit } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { useMe } from '../auth/use-session';
import { formatSpan, minutesUntil } from '../consults/consult-time';
import { useNow } from '../consults/use-now';
import { PhonePage } from './PhonePage';
import { VISIT_STATE_COLOR, missingConsents, nextVisit } from './homecare-logic';
import { profileApi, visitsApi } from './homecare.api';

/** Minutes before the start from which the visit is offered as "join" rather than "see details". */
const JOIN_EARLY_MINUTES = 15;

/** `/patient`: what comes next (the next visit, with a countdown), what is missing, and the four things a patient does. */
export function PatientHomePage() {
  const t = useT();
  const me = useMe();
  const now = useNow(30_000);
  const visits = useQuery('visits:mine', (signal) => visitsApi.list({ scope: 'mine' }, signal));
  const profile = useQuery('patient-profile', (signal) => profileApi.get(signal));
  const next = visits.data ? nextVisit(visits.data, now) : undefined;
  const missing = profile.data ? missingConsents(profile.data) : [];

  return (
    <PhonePage title={t('home.greeting', { name: me.user.displayName })} testId="patient-home" titleTestId="home-title">
      {profile.data && profile.data.people.length === 0 && (
        <Alert color="yellow" title={t('patientHome.onboard.title')} data-testid="home-onboard">
          <Stack gap="sm">
            <Text size="sm">{t('patientHome.onboard.body')}</Text>
            <Button component={Link} href="/patient/profile" size="md" w="fit-content">
              {t('book.gate.toProfile')}
            </Button>
          </Stack>
        </Alert>
      )}
      {profile.data && profile.data.people.length > 0 && missing.length > 0 && (
        <Alert color="yellow" title={t('book.gate.consentTitle')} data-testid="home-consents">
          <Stack gap="sm">
            <Text size="sm">{t('book.gate.consent')}</Text>
            <Button component={Link} href="/patient/profile#consents" size="md" w="fit-content">
              {t('book.gate.toConsents')}
            </Button>
          </Stack>
        </Alert>
      )}

      <Stack gap="sm" component="section" aria-labelledby="home-next">
        <Title order={2} size="h4" id="home-next">
          {t('patientHome.next')}
        </Title>
        {visits.loading && visits.data === undefined ? (
          <Skeleton h={140} />
        ) : visits.error !== undefined ? (
          <QueryError error={visits.error} onRetry={visits.reload} />
        ) : next ? (
          <NextVisitCard visit={next} now={now} />
        ) : (
          <Paper withBorder p="md" data-testid="home-no-visit">
            <Text c="dimmed" size="sm">
              {t('patientHome.noVisit')}
            </Text>
          </Paper>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="home-actions">
        <Title order={2} size="h4" id="home-actions">
          {t('patientHome.actions')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <ActionButton
            href="/patient/book"
            label={t('patientHome.action.book')}
            hint={t('patientHome.action.bookHint')}
            testId="home-book"
          />
          <ActionButton
            href="/patient/walk-in"
            label={t('patientHome.action.walkIn')}
            hint={t('patientHome.action.walkInHint')}
            testId="home-walk-in"
          />
          <ActionButton
            href="/patient/visits"
            label={t('patientHome.action.visits')}
            hint={t('patientHome.action.visitsHint')}
            testId="home-visits"
          />
          <ActionButton
            href="/patient/record"
            label={t('patientHome.action.record')}
            hint={t('patientHome.action.recordHint')}
            testId="home-record"
          />
          <ActionButton
            href="/patient/profile"
            label={t('patientHome.action.profile')}
            hint={t('patientHome.action.profileHint')}
            testId="home-profile"
          />
        </SimpleGrid>
      </Stack>
      <Text size="xs" c="dimmed">
        {t('patientHome.emergency')}
      </Text>
    </PhonePage>
  );
}

function NextVisitCard({ visit: v, now }: { visit: Visit; now: number }) {
  const t = useT();
  const left = v.startsAt ? minutesUntil(new Date(v.startsAt), now) : null;
  const joinable = v.state === 'in_progress' || v.state === 'waiting' || (left !== null && left <= JOIN_EARLY_MINUTES);
  const href = `/patient/visits/${encodeURIComponent(v.id)}`;
  return (
    <Paper withBorder p="md" data-testid="home-next-visit" data-visit-id={v.id}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Badge color={VISIT_STATE_COLOR[v.state]} variant="light" tt="none">
            {t(`visit.state.${v.state}`)}
          </Badge>
          {left !== null && left > 0 && (
            <Text size="sm" fw={600} data-testid="home-countdown">
              {t('visit.startsIn', { span: formatSpan(t, left) })}
            </Text>
          )}
        </Group>
        <Text fw={700} size="lg">
          {v.startsAt
            ? formatDateTime(v.startsAt, t.locale)
            : v.queueNumber !== null
              ? t('visit.walkInNumber', { number: v.queueNumber })
              : t('visit.kind.walk_in')}
        </Text>
        <Text size="sm">
          {v.service.name}
          {v.practitioner && ` · ${v.practitioner.name}`}
        </Text>
        <Text size="sm" c="dimmed">
          {t('visit.forPatient', { name: v.patient.name })} · {v.condition.name}
        </Text>
        <Button component={Link} href={href} size="lg" fullWidth variant={joinable ? 'filled' : 'light'} data-testid="visit-join">
          {joinable ? t('patientHome.join') : t('patientHome.details')}
        </Button>
      </Stack>
    </Paper>
  );
}

function ActionButton({ href, label, hint, testId }: { href: string; label: string; hint: string; testId: string }) {
  return (
    <Button
      component={Link}
      href={href}
      variant="default"
      size="lg"
      h="auto"
      py="sm"
      justify="flex-start"
      data-testid={testId}
      styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
    >
      <Stack gap={0} align="flex-start">
        <Text fw={600}>{label}</Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Button>
  );
}
