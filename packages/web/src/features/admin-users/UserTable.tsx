import { Badge, Button, Menu, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { UserSummary } from '@vuonxa/core';
import { useState } from 'react';
import { ChevronDown } from '../../components/icons';
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

  const cols = withActions ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped highlightOnHover verticalSpacing="sm" aria-busy={loading} data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.col.name')}</Table.Th>
            <Table.Th>{t('users.col.roles')}</Table.Th>
            <Table.Th>{t('users.col.state')}</Table.Th>
            <Table.Th>{t('users.col.totp')}</Table.Th>
            <Table.Th>{t('users.col.lastLogin')}</Table.Th>
            {withActions && <Table.Th>{t('users.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 4 }, (_, i) => (
                <Table.Tr key={`s${i}`}>
                  <Table.Td colSpan={cols}>
                    <Skeleton h={28} />
                  </Table.Td>
                </Table.Tr>
              ))
            : rows}
          {!loading && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={cols}>
                <Text c="dimmed" ta="center" py="md">
                  {t('users.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
