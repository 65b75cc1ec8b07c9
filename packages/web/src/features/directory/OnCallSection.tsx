import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Practitioner } from '@vuonxa/core';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useRights } from '../auth/use-can';
import { specialtyName } from '../registry/labels';
import { OnCallShiftForm } from './OnCallShiftForm';
import { practitionersApi } from './practitioners.api';

/**
 * The practitioner's shifts on call right now (read from each of their facilities), and a form to add a
 * shift for whoever holds `oncall.manage` at one of those facilities.
 */
export function OnCallSection({ practitioner: p, onChanged }: { practitioner: Practitioner; onChanged: () => void }) {
  const t = useT();
  const rights = useRights();
  const [adding, setAdding] = useState(false);
  // A shift is for one of the practitioner's own specialties at one of their facilities (server rule).
  const facilities = p.specialties.length > 0 ? p.memberships.filter((m) => rights.at('oncall.manage', m.facilityId)) : [];
  const ids = p.memberships.map((m) => m.facilityId);
  const shifts = useQuery(`oncall:${p.id}:${ids.join(',')}`, async (signal) => {
    const lists = await Promise.all(ids.map((facilityId) => practitionersApi.onCall({ facilityId }, signal)));
    return lists.flat().filter((s) => s.practitionerId === p.id);
  });

  return (
    <Stack component="section" gap="sm" aria-labelledby="practitioner-oncall">
      <Group justify="space-between">
        <Title order={2} size="h4" id="practitioner-oncall">
          {t('oncall.title')}
        </Title>
        {facilities.length > 0 && (
          <Button variant="light" size="sm" onClick={() => setAdding(true)} data-testid="oncall-add">
            {t('oncall.add')}
          </Button>
        )}
      </Group>
      <QueryState query={shifts} skeleton={<Skeleton h={48} />}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('oncall.none')}
            </Text>
          ) : (
            <Stack gap="xs">
              {items.map((s) => (
                <Paper key={s.id} withBorder p="sm" radius="sm">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {specialtyName(s.specialty, t.locale)} · {s.facilityName}
                    </Text>
                    <Badge color="green.8" tt="none">
                      {t('oncall.until', { time: formatDateTime(s.endsAt, t.locale) })}
                    </Badge>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('oncall.add')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {adding && (
          <OnCallShiftForm
            practitioner={p}
            facilities={facilities}
            onCancel={() => setAdding(false)}
            onAdded={() => {
              setAdding(false);
              shifts.reload();
              onChanged();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
