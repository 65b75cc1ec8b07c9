import { Anchor, Badge, Breadcrumbs, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Site } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { DetailList } from '../../components/DetailList';
import { QueryState } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import type { PageProps } from '../../layout/routes';
import { Link } from '../../router';
import { useRights } from '../auth/use-can';
import { LinkBadges } from './LinkBadges';
import { SiteForm } from './SiteForm';
import { sitesApi } from './sites.api';

/** One bridge site: room, equipment, link, operator and status; editable by who manages its facility. */
export function SitePage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const site = useQuery(`site:${id}`, (signal) => sitesApi.get(id, signal));
  return (
    <Stack gap="lg" maw={1100}>
      <QueryState query={site} skeleton={<Skeleton h={280} />}>
        {(s) => <SiteBody site={s} onSaved={site.reload} />}
      </QueryState>
    </Stack>
  );
}

function SiteBody({ site: s, onSaved }: { site: Site; onSaved: () => void }) {
  const t = useT();
  const notify = useNotice();
  const canManage = useRights().at('facility.manage', s.facilityId);
  const [editing, setEditing] = useState(false);
  const facilityHref = `/facilities/${encodeURIComponent(s.facilityId)}`;

  return (
    <>
      <Stack gap={4}>
        <Breadcrumbs separator="›">
          <Anchor component={Link} href="/facilities" size="sm">
            {t('facilities.title')}
          </Anchor>
          <Anchor component={Link} href={facilityHref} size="sm">
            {s.facilityName}
          </Anchor>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2" data-testid="site-title">
            {s.name}
          </Title>
          {canManage && (
            <Button variant="light" onClick={() => setEditing(true)} data-testid="site-edit">
              {t('site.edit')}
            </Button>
          )}
        </Group>
      </Stack>
      <Paper withBorder p="md" radius="md">
        <DetailList
          items={[
            {
              label: t('site.facility'),
              value: (
                <Anchor component={Link} href={facilityHref}>
                  {s.facilityName}
                </Anchor>
              ),
            },
            { label: t('site.room'), value: s.room },
            { label: t('site.status'), value: t(`siteStatus.${s.status}`) },
            { label: t('site.link'), value: <LinkBadges site={s} size="lg" />, wide: true },
            { label: t('site.operator'), value: s.operatorName },
            {
              label: t('site.equipment'),
              wide: true,
              value:
                s.equipment.length === 0 ? (
                  <Text c="orange.9">{t('site.equipment.none')}</Text>
                ) : (
                  <Group gap={4}>
                    {s.equipment.map((e) => (
                      <Badge key={e} variant="light" color="grape" tt="none">
                        {t(`equipment.${e}`)}
                      </Badge>
                    ))}
                  </Group>
                ),
            },
          ]}
        />
      </Paper>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('site.edit')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <SiteForm
            facilityId={s.facilityId}
            site={s}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSave={async (input) => {
              await sitesApi.update(s.id, input);
              setEditing(false);
              notify({ color: 'green', message: t('common.saved') });
              onSaved();
            }}
          />
        )}
      </Modal>
    </>
  );
}
