import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { useNow } from '../consults/use-now';
import { CardSkeletons, PhonePage } from './PhonePage';
import { VisitCard } from './VisitCard';
import { splitVisits } from './homecare-logic';
import { visitsApi } from './homecare.api';

/** `/patient/visits`: the account's visits, coming ones first (soonest first), then past ones. */
export function VisitsPage() {
  const t = useT();
  const now = useNow(60_000);
  const visits = useQuery('visits:mine', (signal) => visitsApi.list({ scope: 'mine' }, signal));
  return (
    <PhonePage title={t('visits.title')} back={{ href: '/patient', label: t('patientNav.home') }}>
      <Button component={Link} href="/patient/book" size="md" w="fit-content" data-testid="visits-book">
        {t('patientHome.action.book')}
      </Button>
      <QueryState query={visits} skeleton={<CardSkeletons count={3} />}>
        {(list) => {
          if (list.length === 0) {
            return (
              <Text c="dimmed" data-testid="visits-empty">
                {t('visits.empty')}
              </Text>
            );
          }
          const { upcoming, past } = splitVisits(list, now);
          return (
            <Stack gap="lg">
              <Stack gap="sm" component="section" aria-labelledby="visits-upcoming">
                <Title order={2} size="h4" id="visits-upcoming">
                  {t('visits.upcoming')}
                </Title>
                {upcoming.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('visits.noUpcoming')}
                  </Text>
                ) : (
                  upcoming.map((v) => <VisitCard key={v.id} visit={v} />)
                )}
              </Stack>
              {past.length > 0 && (
                <Stack gap="sm" component="section" aria-labelledby="visits-past">
                  <Title order={2} size="h4" id="visits-past">
                    {t('visits.past')}
                  </Title>
                  {past.map((v) => (
                    <VisitCard key={v.id} visit={v} />
                  ))}
                </Stack>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </PhonePage>
  );
}
