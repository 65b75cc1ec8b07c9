import { Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Practitioner } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { LOCALE_NAMES } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { useRights } from '../auth/use-can';
import { SpecialtyBadges } from '../registry/SpecialtyBadges';
import { OnCallSection } from './OnCallSection';
import { practitionersApi } from './practitioners.api';

/** One practitioner of the directory: scope of practice, specialties, where they work, on-call shifts. */
export function PractitionerPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const practitioner = useQuery(`practitioner:${id}`, (signal) => practitionersApi.get(id, signal));
  return (
    <Stack gap="lg" maw={1100}>
      <QueryState query={practitioner} skeleton={<Skeleton h={320} />}>
        {(p) => <PractitionerBody practitioner={p} onChanged={practitioner.reload} />}
      </QueryState>
    </Stack>
  );
}

function PractitionerBody({ practitioner: p, onChanged }: { practitioner: Practitioner; onChanged: () => void }) {
  const t = useT();
  const rights = useRights();
  const canEdit = p.memberships.some((m) => rights.at('practitioner.manage', m.facilityId));
  return (
    <>
      <Stack gap={4}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} href="/directory" size="sm">
            {t('directory.title')}
          </Anchor>
          <Text size="sm">{p.licenceNumber}</Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2" data-testid="practitioner-title">
            {p.fullName}
          </Title>
          {canEdit && (
            <Button
              component={Link}
              href={`/practitioners/${encodeURIComponent(p.id)}/edit`}
              variant="light"
              data-testid="practitioner-edit"
            >
              {t('practitioner.edit')}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {t(`profession.${p.profession}`)}
          </Badge>
          {p.onCallNow && (
            <Badge color="green.8" tt="none">
              {t('practitioner.onCallNow')}
            </Badge>
          )}
          <Badge variant="outline" color={p.availability === 'available' ? 'green' : 'gray'} tt="none">
            {t(`availability.${p.availability}`)}
          </Badge>
        </Group>
      </Stack>
      <Paper withBorder p="md" radius="md">
        <DetailList
          items={[
            { label: t('practitioner.licence'), value: <Text ff="monospace">{p.licenceNumber}</Text> },
            { label: t('practitioner.email'), value: p.email && <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> },
            { label: t('practitioner.phone'), value: p.phone && <Anchor href={`tel:${p.phone}`}>{p.phone}</Anchor> },
            { label: t('practitioner.scope'), value: <Text style={{ whiteSpace: 'pre-wrap' }}>{p.scopeOfPractice}</Text>, wide: true },
            { label: t('practitioner.specialties'), value: <SpecialtyBadges codes={p.specialties} />, wide: true },
            {
              label: t('practitioner.languages'),
              value: p.languages.map((l) => (
                <Badge key={l} lang={l} variant="default" tt="none" mr={4}>
                  {LOCALE_NAMES[l]}
                </Badge>
              )),
            },
          ]}
        />
      </Paper>
      <Stack component="section" gap="sm" aria-labelledby="practitioner-memberships">
        <Title order={2} size="h4" id="practitioner-memberships">
          {t('practitioner.memberships')}
        </Title>
        <Stack gap="xs">
          {p.memberships.map((m) => (
            <Paper key={m.facilityId} withBorder p="sm" radius="sm">
              <Anchor component={Link} href={`/facilities/${encodeURIComponent(m.facilityId)}`} fw={600} size="sm">
                {m.facilityName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[m.position, m.provinceName].filter(Boolean).join(' · ')}
              </Text>
            </Paper>
          ))}
        </Stack>
      </Stack>
      <OnCallSection practitioner={p} onChanged={onChanged} />
    </>
  );
}
