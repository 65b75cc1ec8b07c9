import { Anchor, Badge, Breadcrumbs, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { FacilityDetail } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { useRights } from '../auth/use-can';
import { SitesSection } from '../sites/SitesSection';
import { facilitiesApi } from './facilities.api';
import { FacilityDetails } from './FacilityDetails';
import { HubFinder } from './HubFinder';
import { SupportLinksSection } from './SupportLinksSection';

/** One facility (`facility.read`): details, bridge sites, support links both ways and the nearest hubs. */
export function FacilityPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const facility = useQuery(`facility:${id}`, (signal) => facilitiesApi.get(id, signal));
  return (
    <Stack gap="lg" maw={1200}>
      <QueryState query={facility} skeleton={<Skeleton h={320} />}>
        {(f) => <FacilityBody facility={f} />}
      </QueryState>
    </Stack>
  );
}

function FacilityBody({ facility: f }: { facility: FacilityDetail }) {
  const t = useT();
  const rights = useRights();
  const canManage = rights.at('facility.manage', f.id);
  return (
    <>
      <Stack gap={4}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} href="/facilities" size="sm">
            {t('facilities.title')}
          </Anchor>
          <Text size="sm">{f.code}</Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2" data-testid="facility-title" style={{ flex: '1 1 320px' }}>
            {f.name}
          </Title>
          {canManage && (
            <Button component={Link} href={`/facilities/${encodeURIComponent(f.id)}/edit`} variant="light" data-testid="facility-edit">
              {t('facility.edit')}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {t(`facilityType.${f.type}`)}
          </Badge>
          {!f.active && (
            <Badge color="gray" tt="none">
              {t('facility.inactive')}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t('facility.counts', { sites: f.siteCount, practitioners: f.practitionerCount })}
          </Text>
          {f.practitionerCount > 0 && (
            <Anchor component={Link} href={`/directory?facilityId=${encodeURIComponent(f.id)}`} size="sm">
              {t('facility.seeStaff')}
            </Anchor>
          )}
        </Group>
      </Stack>
      <FacilityDetails facility={f} />
      <SitesSection facilityId={f.id} canManage={canManage} />
      <SupportLinksSection facility={f} />
      <HubFinder facility={f} />
    </>
  );
}
