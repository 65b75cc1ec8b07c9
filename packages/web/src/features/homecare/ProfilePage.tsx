import { Alert, Badge, Box, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { CONSENT_KINDS } from '@vuonxa/core';
import type { AccountPerson, PatientProfile } from '@vuonxa/core';
import { useEffect, useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { formatDate, formatDateTime, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { CardSkeletons, PhonePage } from './PhonePage';
import { PersonForm } from './PersonForm';
import { consentTextKeys, consentView } from './homecare-logic';
import type { ConsentView } from './homecare-logic';
import { profileApi } from './homecare.api';
import { ageOn, personValuesOf } from './person-form';

/**
 * `/patient/profile`: the account holder's own details, the family members they book for, and the two consents
 * remote care needs (read, given with the time, withdrawn with a confirmation). `#family` and `#consents` jump
 * to their section.
 */
export function ProfilePage() {
  const t = useT();
  const query = useQuery('patient-profile', (signal) => profileApi.get(signal));
  // Every change answers the whole profile: shown at once, without reading it again.
  const [fresh, setFresh] = useState<PatientProfile | null>(null);
  const profile = fresh ?? query.data;

  useEffect(() => {
    if (!query.data) return;
    const target = window.location.hash.slice(1);
    if (target === 'consents' || target === 'family') document.getElementById(`profile-${target}`)?.scrollIntoView();
  }, [query.data]);

  return (
    <PhonePage title={t('profile.title')} intro={t('profile.intro')} back={{ href: '/patient', label: t('patientNav.home') }}>
      <QueryState query={{ ...query, data: profile }} skeleton={<CardSkeletons count={3} height={120} />}>
        {(p) => <ProfileSections profile={p} onChange={setFresh} />}
      </QueryState>
    </PhonePage>
  );
}

function ProfileSections({ profile, onChange }: { profile: PatientProfile; onChange: (p: PatientProfile) => void }) {
  const t = useT();
  const notify = useNotice();
  const self = profile.people.find((p) => p.relation === 'self');
  const family = profile.people.filter((p) => p.relation !== 'self');
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="profile-self-title">
        <Title order={2} size="h3" id="profile-self-title">
          {t('profile.self')}
        </Title>
        {profile.phone && (
          <Text size="sm" c="dimmed" data-testid="profile-phone">
            {t('profile.phone', { phone: profile.phone })}
          </Text>
        )}
        {!self && (
          <Alert color="yellow" data-testid="profile-self-missing">
            {t('profile.selfMissing')}
          </Alert>
        )}
        <Paper withBorder p="md">
          <PersonForm
            initial={personValuesOf(self)}
            testPrefix="profile"
            submitLabel={t('common.save')}
            onSave={async (input) => {
              onChange(await profileApi.saveSelf(input));
              notify({ color: 'green', message: t('profile.saved') });
            }}
          />
        </Paper>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="profile-family-title" id="profile-family">
        <Title order={2} size="h3" id="profile-family-title">
          {t('profile.family')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('profile.familyIntro')}
        </Text>
        {family.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="profile-family-empty">
            {t('profile.familyEmpty')}
          </Text>
        ) : (
          family.map((p) => <FamilyCard key={p.patientId} person={p} />)
        )}
        {adding ? (
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t('profile.addFamily')}
              </Title>
              <PersonForm
                initial={personValuesOf(undefined)}
                testPrefix="dependant"
                withRelation
                submitLabel={t('profile.addFamily.submit')}
                onCancel={() => setAdding(false)}
                onSave={async (input, relation) => {
                  onChange(await profileApi.addDependant({ ...input, relation }));
                  setAdding(false);
                  notify({ color: 'green', message: t('profile.familyAdded', { name: input.fullName }) });
                }}
              />
            </Stack>
          </Paper>
        ) : (
          <Button variant="light" size="md" onClick={() => setAdding(true)} w="fit-content" disabled={!self} data-testid="dependant-add">
            {t('profile.addFamily')}
          </Button>
        )}
        {!self && (
          <Text size="xs" c="dimmed">
            {t('profile.familyNeedsSelf')}
          </Text>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="profile-consents-title" id="profile-consents">
        <Title order={2} size="h3" id="profile-consents-title">
          {t('profile.consents')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('profile.consentsIntro')}
        </Text>
        {CONSENT_KINDS.map((kind) => (
          <ConsentCard key={kind} view={consentView(profile, kind)} profile={profile} onChange={onChange} />
        ))}
      </Stack>
    </Stack>
  );
}

function FamilyCard({ person: p }: { person: AccountPerson }) {
  const t = useT();
  const age = ageOn(p.birthDate, localIsoDate());
  return (
    <Paper withBorder p="sm" data-testid="family-member" data-patient-id={p.patientId}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Stack gap={0} miw={0}>
          <Text fw={600}>{p.fullName}</Text>
          <Text size="sm" c="dimmed">
            {t(`relation.${p.relation}`)} · {formatDate(p.birthDate, t.locale)}
            {age !== null && ` (${t('person.age', { age })})`}
          </Text>
        </Stack>
        <Button component={Link} href={`/patient/book?patientId=${encodeURIComponent(p.patientId)}`} variant="light" size="sm">
          {t('profile.bookFor')}
        </Button>
      </Group>
    </Paper>
  );
}

const STATE_BADGE: Record<ConsentView['state'], { color: string }> = {
  in_force: { color: 'teal' },
  outdated: { color: 'orange' },
  withdrawn: { color: 'gray' },
  never: { color: 'gray' },
};

function ConsentCard({ view, profile, onChange }: { view: ConsentView; profile: PatientProfile; onChange: (p: PatientProfile) => void }) {
  const t = useT();
  const notify = useNotice();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const keys = consentTextKeys(t, view.kind, view.version);
  const history = profile.consents.filter((c) => c.kind === view.kind);

  async function give(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await profileApi.giveConsent(view.kind, view.version));
      notify({ color: 'green', message: t('consent.given') });
    } catch (error) {
      setProblem(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await profileApi.withdrawConsent(view.kind));
      setConfirming(false);
      notify({ color: 'green', message: t('consent.withdrawn') });
    } catch (error) {
      setProblem(errorMessage(t, error));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const status =
    view.state === 'in_force'
      ? t('consent.state.in_force', { time: view.givenAt ? formatDateTime(view.givenAt, t.locale) : '—' })
      : view.state === 'withdrawn'
        ? t('consent.state.withdrawn', { time: view.withdrawnAt ? formatDateTime(view.withdrawnAt, t.locale) : '—' })
        : view.state === 'outdated'
          ? t('consent.state.outdated', { version: view.previousVersion ?? '' })
          : t('consent.state.never');

  return (
    <Paper withBorder p="md" data-testid={`consent-${view.kind}`} data-state={view.state}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Title order={3} size="h4">
            {keys ? t(keys.title) : t(`consent.kind.${view.kind}`)}
          </Title>
          <Badge color={STATE_BADGE[view.state].color} variant="light" tt="none">
            {t(`consent.badge.${view.state}`)}
          </Badge>
        </Group>
        <Text size="sm" data-testid={`consent-status-${view.kind}`}>
          {status}
        </Text>
        {keys ? (
          <Box
            role="region"
            aria-label={t(keys.title)}
            tabIndex={0}
            p="sm"
            bg="var(--mantine-color-gray-0)"
            style={{ maxHeight: 280, overflowY: 'auto', borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid={`consent-text-${view.kind}`}
          >
            <Stack gap="xs">
              {t(keys.body)
                .split('\n\n')
                .map((para, i) => (
                  <Text key={i} size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {para}
                  </Text>
                ))}
              <Text size="xs" c="dimmed">
                {t('consent.version', { version: view.version })}
              </Text>
            </Stack>
          </Box>
        ) : (
          <Alert color="orange" data-testid={`consent-text-missing-${view.kind}`}>
            {t('consent.textMissing', { version: view.version })}
          </Alert>
        )}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        {view.state === 'in_force' ? (
          <Button
            variant="outline"
            color="red"
            size="md"
            w="fit-content"
            onClick={() => setConfirming(true)}
            data-testid={`consent-withdraw-${view.kind}`}
          >
            {t('consent.withdraw')}
          </Button>
        ) : (
          <Button size="lg" fullWidth loading={busy} disabled={!keys} onClick={() => void give()} data-testid={`consent-give-${view.kind}`}>
            {t('consent.give')}
          </Button>
        )}
        {history.length > 0 && (
          <Box>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('consent.history')}
            </Text>
            <List size="xs" c="dimmed" data-testid={`consent-history-${view.kind}`}>
              {history.map((c) => (
                <List.Item key={`${c.version}-${c.givenAt}`}>
                  {c.withdrawnAt
                    ? t('consent.history.withdrawn', {
                        version: c.version,
                        given: formatDateTime(c.givenAt, t.locale),
                        withdrawn: formatDateTime(c.withdrawnAt, t.locale),
                      })
                    : t('consent.history.given', { version: c.version, given: formatDateTime(c.givenAt, t.locale) })}
                </List.Item>
              ))}
            </List>
          </Box>
        )}
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('consent.withdraw.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`consent.withdraw.effect.${view.kind}`)}</Text>
          <Text size="sm">{t('consent.withdraw.past')}</Text>
          <Group gap="sm" grow>
            <Button variant="subtle" size="md" onClick={() => setConfirming(false)}>
              {t('consent.withdraw.keep')}
            </Button>
            <Button color="red" size="md" loading={busy} onClick={() => void withdraw()} data-testid="consent-confirm-withdraw">
              {t('consent.withdraw.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
