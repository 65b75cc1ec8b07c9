import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { FacilityDetail, SupportLink } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryError } from '../../components/QueryState';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { useRights } from '../auth/use-can';
import { SpecialtyBadges } from '../registry/SpecialtyBadges';
import { AddLinkModal } from './AddLinkModal';
import { EndLinkModal } from './EndLinkModal';
import { facilitiesApi } from './facilities.api';

/**
 * Support links both ways (a hub supports its spokes, "bệnh viện vệ tinh"): whom this facility
 * supports, and who supports it. Whoever holds `supportlink.manage` can add a link and end one.
 */
export function SupportLinksSection({ facility }: { facility: FacilityDetail }) {
  const t = useT();
  // The server checks this right network-wide (not per facility), and so does the page.
  const canManage = useRights().anywhere('supportlink.manage');
  const links = useQuery(`links:${facility.id}`, (signal) => facilitiesApi.links(facility.id, signal));
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<SupportLink | null>(null);

  return (
    <Stack component="section" gap="sm" aria-labelledby="facility-links">
      <Group justify="space-between">
        <Title order={2} size="h4" id="facility-links">
          {t('links.title')}
        </Title>
        {canManage && (
          <Button variant="light" size="sm" onClick={() => setAdding(true)} data-testid="link-add">
            {t('links.add')}
          </Button>
        )}
      </Group>
      {links.error !== undefined && <QueryError error={links.error} onRetry={links.reload} />}
      <SimpleGrid type="container" cols={{ base: 1, '48rem': 2 }}>
        <LinkList
          title={t('links.supports')}
          empty={t('links.supports.empty')}
          testId="links-supports"
          loading={links.loading && !links.data}
          links={links.data?.supports ?? []}
          other={(l) => l.spoke}
          onEnd={canManage ? setEnding : undefined}
        />
        <LinkList
          title={t('links.supportedBy')}
          empty={t('links.supportedBy.empty')}
          testId="links-supported-by"
          loading={links.loading && !links.data}
          links={links.data?.supportedBy ?? []}
          other={(l) => l.hub}
          onEnd={canManage ? setEnding : undefined}
        />
      </SimpleGrid>
      <AddLinkModal
        facility={facility}
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          links.reload();
        }}
      />
      <EndLinkModal
        link={ending}
        onClose={() => setEnding(null)}
        onEnded={() => {
          setEnding(null);
          links.reload();
        }}
      />
    </Stack>
  );
}

interface ListProps {
  title: string;
  empty: string;
  testId: string;
  loading: boolean;
  links: readonly SupportLink[];
  other: (link: SupportLink) => SupportLink['hub'];
  onEnd?: (link: SupportLink) => void;
}

function LinkList({ title, empty, testId, loading, links, other, onEnd }: ListProps) {
  const t = useT();
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {loading && <Skeleton h={48} />}
      {!loading && links.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {links.map((l) => {
          const f = other(l);
          return (
            <li key={l.id} data-testid="link-row">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={2} miw={0}>
                  <Anchor component={Link} href={`/facilities/${encodeURIComponent(f.id)}`} fw={600} size="sm">
                    {f.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[t(`facilityType.${f.type}`), f.provinceName].filter(Boolean).join(' · ')}
                  </Text>
                  <Text size="xs">
                    {l.validTo
                      ? t('links.validFromTo', { from: formatDate(l.validFrom, t.locale), to: formatDate(l.validTo, t.locale) })
                      : t('links.validFrom', { from: formatDate(l.validFrom, t.locale) })}
                  </Text>
                  {l.specialties.length > 0 ? (
                    <SpecialtyBadges codes={l.specialties} max={6} />
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('links.allSpecialties')}
                    </Text>
                  )}
                </Stack>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  <Badge color={l.active ? 'green' : 'gray'} variant="light" tt="none" style={{ overflow: 'visible' }}>
                    {l.active ? t('links.active') : t('links.ended')}
                  </Badge>
                  {onEnd && l.active && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => onEnd(l)}>
                      {t('links.end')}
                    </Button>
                  )}
                </Stack>
              </Group>
            </li>
          );
        })}
      </Stack>
    </Paper>
  );
}
