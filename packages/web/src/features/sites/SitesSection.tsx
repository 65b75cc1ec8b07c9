import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { Site } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { ListTable } from '../../components/ListTable';
import { QueryError } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { facilitiesApi } from '../facilities/facilities.api';
import { LinkBadges } from './LinkBadges';
import { SiteForm } from './SiteForm';

const STATUS_COLORS: Record<Site['status'], string> = { active: 'green', maintenance: 'yellow', inactive: 'gray' };

/** The facility's bridge sites (điểm cầu), with "add a site" for those who manage the facility. */
export function SitesSection({ facilityId, canManage }: { facilityId: string; canManage: boolean }) {
  const t = useT();
  const notify = useNotice();
  const sites = useQuery(`sites:${facilityId}`, (signal) => facilitiesApi.sites(facilityId, signal));
  const [adding, setAdding] = useState(false);
  const items = sites.data ?? [];

  return (
    <Stack component="section" gap="sm" aria-labelledby="facility-sites">
      <Group justify="space-between">
        <Title order={2} size="h4" id="facility-sites">
          {t('site.list.title')}
        </Title>
        {canManage && (
          <Button variant="light" size="sm" onClick={() => setAdding(true)} data-testid="site-add">
            {t('site.add')}
          </Button>
        )}
      </Group>
      {sites.error !== undefined && <QueryError error={sites.error} onRetry={sites.reload} />}
      <ListTable
        headers={[t('site.name'), t('site.link'), t('site.equipment'), t('site.operator')]}
        loading={sites.loading && !sites.data}
        isEmpty={items.length === 0}
        empty={t('site.list.empty')}
        minWidth={520}
        skeleton={{ rows: 2, height: 24 }}
        testId="facility-sites-table"
      >
        {items.map((s) => (
          <Table.Tr key={s.id} data-testid="site-row">
            <Table.Td>
              <Anchor component={Link} href={`/sites/${encodeURIComponent(s.id)}`} fw={600} size="sm">
                {s.name}
              </Anchor>
              {s.room && (
                <Text size="xs" c="dimmed">
                  {s.room}
                </Text>
              )}
              {s.status !== 'active' && (
                <Badge color={STATUS_COLORS[s.status]} variant="light" tt="none" size="sm">
                  {t(`siteStatus.${s.status}`)}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <LinkBadges site={s} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t('site.equipmentCount', { count: s.equipment.length })}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{s.operatorName ?? '—'}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('site.add')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {adding && (
          <SiteForm
            facilityId={facilityId}
            submitLabel={t('site.add.submit')}
            onCancel={() => setAdding(false)}
            onSave={async (input) => {
              const site = await facilitiesApi.createSite(facilityId, input);
              setAdding(false);
              notify({ color: 'green', message: t('site.added', { name: site.name }) });
              sites.reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
