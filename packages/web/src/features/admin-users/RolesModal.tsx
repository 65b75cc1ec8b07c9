import { Alert, Button, Group, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { canGrantRole } from '@vuonxa/core';
import type { Role, UserSummary } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { principalOf } from '../auth/memberships';
import { useMe } from '../auth/use-session';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { useFacilityLabel } from '../facilities/use-facility-label';
import { facilityIdOf, grantableFacilities, grantableRoles } from './grantable';
import { usersApi } from './users.api';

interface Props {
  user: UserSummary | null;
  onClose: () => void;
  onChanged: (user: UserSummary) => void;
}

/** A user's roles: revoke those the admin may grant, grant a new one at a facility the admin manages. */
export function RolesModal({ user, onClose, onChanged }: Props) {
  const t = useT();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('users.roles.title', { name: user.displayName }) : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {user && <RolesEditor key={user.id} user={user} onChanged={onChanged} />}
    </Modal>
  );
}

function RolesEditor({ user, onChanged }: { user: UserSummary; onChanged: (user: UserSummary) => void }) {
  const t = useT();
  const me = useMe();
  const principal = principalOf(me);
  const facilityName = useFacilityLabel(user.roles.map((r) => r.facilityId));
  const facilities = grantableFacilities(me, t);
  // The facilities where the user already works come first: granting a second role there is the usual case.
  const ownFacilities = [...new Set(user.roles.map((r) => r.facilityId))].filter(
    (id): id is string => id !== null && (facilities.everywhere || facilities.options.some((o) => o.value === id)),
  );
  const options = [
    ...ownFacilities.map((id) => ({ value: id, label: facilityName(id) })),
    ...facilities.options.filter((o) => !ownFacilities.includes(o.value)),
  ];
  const [facility, setFacility] = useState(options[0]?.value ?? '');
  const facilityId = facilityIdOf(facility);
  const held = new Set(user.roles.filter((r) => r.facilityId === facilityId).map((r) => r.role));
  const roles = facility ? grantableRoles(me, facilityId).filter((r) => !held.has(r)) : [];
  const [role, setRole] = useState<Role | ''>('');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function run(tag: string, call: () => Promise<UserSummary>): Promise<void> {
    setBusy(tag);
    setProblem(null);
    try {
      onChanged(await call());
      setRole('');
    } catch (error) {
      setProblem({ error });
    } finally {
      setBusy(null);
    }
  }

  function grant(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!role) return setProblem({ key: 'users.form.roleRequired' });
    void run('grant', () => usersApi.grant(user.id, facilityId, role));
  }

  return (
    <Stack>
      {problem && (
        <Alert color="red" role="alert">
          {describeProblem(t, problem)}
        </Alert>
      )}
      <Title order={3} size="h5">
        {t('users.roles.current')}
      </Title>
      {user.roles.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('users.roles.none')}
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {user.roles.map((r) => {
              const tag = `revoke:${r.facilityId ?? ''}:${r.role}`;
              return (
                <Table.Tr key={tag}>
                  <Table.Td>{t(`role.${r.role}`)}</Table.Td>
                  <Table.Td>{facilityName(r.facilityId)}</Table.Td>
                  <Table.Td ta="right">
                    {canGrantRole(principal, r.role, r.facilityId) && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        loading={busy === tag}
                        disabled={busy !== null && busy !== tag}
                        onClick={() => void run(tag, () => usersApi.revoke(user.id, r.facilityId, r.role))}
                      >
                        {t('users.roles.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <form noValidate onSubmit={grant}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('users.roles.grant')}
          </Title>
          <Group align="flex-end" gap="sm">
            <div style={{ flex: '1 1 240px' }}>
              <FacilitySelect
                label={t('users.form.facility')}
                value={facility}
                onChange={(next) => {
                  setFacility(next);
                  setRole('');
                }}
                options={options}
                searchDirectory={facilities.everywhere}
              />
            </div>
            <NativeSelect
              label={t('users.form.role')}
              value={role}
              onChange={(e) => setRole(roles.find((r) => r === e.currentTarget.value) ?? '')}
              data={[{ value: '', label: t('common.choose'), disabled: true }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
              style={{ flex: '1 1 180px' }}
            />
            <Button type="submit" loading={busy === 'grant'} disabled={busy !== null && busy !== 'grant'}>
              {t('users.roles.grantSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
