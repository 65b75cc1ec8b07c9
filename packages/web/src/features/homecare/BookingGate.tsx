import { Alert, Button, List, Stack, Text } from '@mantine/core';
import type { PatientProfile } from '@vuonxa/core';
import type { ReactNode } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { CardSkeletons } from './PhonePage';
import { missingConsents } from './homecare-logic';
import { profileApi } from './homecare.api';

/**
 * What a booking needs before it starts: the account holder's own details and both consents in force. Until then
 * it says what is missing and leads to the profile page, rather than letting the patient meet a refusal at the end.
 */
export function BookingGate({ children }: { children: (profile: PatientProfile) => ReactNode }) {
  const t = useT();
  const profile = useQuery('patient-profile', (signal) => profileApi.get(signal));
  return (
    <QueryState query={profile} skeleton={<CardSkeletons count={3} />}>
      {(p) => {
        const missing = missingConsents(p);
        if (p.people.length === 0) {
          return (
            <Alert color="yellow" title={t('book.gate.profileTitle')} data-testid="book-need-profile">
              <Stack gap="sm">
                <Text size="sm">{t('book.gate.profile')}</Text>
                <Button component={Link} href="/patient/profile" size="md" w="fit-content">
                  {t('book.gate.toProfile')}
                </Button>
              </Stack>
            </Alert>
          );
        }
        if (missing.length > 0) {
          return (
            <Alert color="yellow" title={t('book.gate.consentTitle')} data-testid="book-need-consent">
              <Stack gap="sm">
                <Text size="sm">{t('book.gate.consent')}</Text>
                <List size="sm">
                  {missing.map((k) => (
                    <List.Item key={k}>{t(`consent.kind.${k}`)}</List.Item>
                  ))}
                </List>
                <Button component={Link} href="/patient/profile#consents" size="md" w="fit-content" data-testid="book-to-consents">
                  {t('book.gate.toConsents')}
                </Button>
              </Stack>
            </Alert>
          );
        }
        return children(p);
      }}
    </QueryState>
  );
}
