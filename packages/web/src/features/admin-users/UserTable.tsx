import { Badge, Button, Menu, Stack, Table, Text } from '@mantine/core';
import type { UserSummary } from '@vuonxa/core';
import { useState } from 'react';
import { ChevronDown } from '../../components/icons';
import { ListTable } from '../../components/ListTable';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { useFacilityLabel } from '../facilities/use-facility-label';

interface Props {
  items: readonly UserSummary[];
  loading: boolean;
  canManage: boolean;
  canGrant: boolean;
  onRoles: (user: UserSummary) => void;
  onUnlock: (user: UserSummary) => void;
}

/** Users with their roles, state and last sign-in; scrolls sideways inside itself on narrow screens. */
export function UserTable({ items, loading, canManage, canGrant, onRoles, onUnlock }: Props) {
  const t = useT();
  const [now] = useState(() => Date.now());
  const facilityName = useFacilityLabel(items.flatMap((u) => u.roles.map((r) => r.facilityId)));
  const withActions = canManage || canGrant;

  const rows = items.map((u) => {
    const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;
    return (
      <Table.Tr key={u.id} data-testid={`user-row-${u.id}`}>
        <Table.Td>
          <Text size="sm" fw={500}>
            {u.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {[u.email, u.phone].filter(Boolean).join(' · ')}
          </Text>
        </Table.Td>
        <Table.Td>
          <Stack gap={2}>
            {u.roles.length === 0 && (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
            {u.roles.map((r) => (
              <Text key={`${r.facilityId ?? ''}:${r.role}`} size="sm">
                <Text span fw={600} size="sm">
                  {t(`role.${r.role}`)}
                </Text>
                {' · '}
                {facilityName(r.facilityId)}
              </Text>
            ))}
          </Stack>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Stack gap={4} align="flex-start">
            {!u.active && (
              <Badge color="gray" tt="none">
                {t('users.state.disabled')}
              </Badge>
            )}
            {locked && u.lockedUntil && (
              <Badge color="red" tt="none">
                {t('users.state.lockedUntil', { time: formatDateTime(u.lockedUntil, t.locale) })}
              </Badge>
            )}
            {u.active && !locked && (
              <Badge color="green" variant="light" tt="none">
                {t('users.state.active')}
              </Badge>
            )}
          </Stack>
        </Table.Td>
        <Table.Td>{u.totpEnabled ? t('common.yes') : t('common.no')}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {u.lastLoginAt ? formatDateTime(u.lastLoginAt, t.locale) : t('users.neverSignedIn')}
        </Table.Td>
        {withActions && (
          <Table.Td>
            {(canGrant || (canManage && locked)) && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    rightSection={<ChevronDown />}
                    aria-label={t('users.actionsFor', { name: u.displayName })}
                  >
                    {t('users.actions')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {canGrant && <Menu.Item onClick={() => onRoles(u)}>{t('users.roles.manage')}</Menu.Item>}
                  {canManage && locked && <Menu.Item onClick={() => onUnlock(u)}>{t('users.unlock')}</Menu.Item>}
                </Menu.Dropdown>
              </Menu>
            )}
          </Table.Td>
        )}
      </Table.Tr>
    );
  });

  const headers = [
    t('users.col.name'),
    t('users.col.roles'),
    t('users.col.state'),
    t('users.col.totp'),
    t('users.col.lastLogin'),
    ...(withActions ? [t('users.actions')] : []),
  ];
  return (
    <ListTable
      headers={headers}
      loading={loading}
      isEmpty={items.length === 0}
      empty={t('users.empty')}
      minWidth={900}
      skeleton={{ rows: 4, height: 28 }}
      testId="users-table"
    >
      {rows}
    </ListTable>
  );
}
