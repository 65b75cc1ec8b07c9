import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import type { UserSummary } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { usePagedList } from '../../api/use-paged-list';
import { PagedTableFooter } from '../../components/PagedTableFooter';
import { QueryError } from '../../components/QueryState';
import { useNotice } from '../../components/use-notice';
import { errorMessage } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { useMe } from '../auth/use-session';
import { CreateUserModal } from './CreateUserModal';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { facilitiesWith, grantableFacilities } from './grantable';
import { RolesModal } from './RolesModal';
import { UserTable } from './UserTable';
import { usersApi } from './users.api';
import type { UserListFilters } from './users.api';

/** User administration: search, create, grant and revoke roles, unlock after failed sign-ins. */
export function UsersPage() {
  const t = useT();
  const me = useMe();
  const notify = useNotice();
  const [filters, setFilters] = useState<UserListFilters>({ q: '', facilityId: '' });
  const [draftQ, setDraftQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const list = usePagedList(JSON.stringify(filters), (cursor, signal) => usersApi.list(filters, cursor, signal));

  const readable = facilitiesWith(me, 'user.read');
  const grantable = grantableFacilities(me, t);
  const canManage = me.permissions.includes('user.manage');
  const canGrant = grantable.everywhere || grantable.options.length > 0;

  const replace = (user: UserSummary) => {
    list.update((items) => items.map((u) => (u.id === user.id ? user : u)));
    setEditing((e) => (e?.id === user.id ? user : e));
  };

  async function unlock(user: UserSummary): Promise<void> {
    try {
      replace(await usersApi.unlock(user.id));
      notify({ color: 'green', message: t('users.unlocked', { name: user.displayName }) });
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
    }
  }

  function search(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setFilters((f) => ({ ...f, q: draftQ.trim() }));
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        {canManage && canGrant && (
          <Button onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        )}
      </Group>
      <form onSubmit={search} role="search" aria-label={t('users.search')}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('users.search')}
            placeholder={t('users.search.placeholder')}
            value={draftQ}
            onChange={(e) => setDraftQ(e.currentTarget.value)}
            style={{ flex: '1 1 240px' }}
            data-testid="users-search"
          />
          <div style={{ flex: '0 1 300px' }}>
            <FacilitySelect
              label={t('audit.col.facility')}
              value={filters.facilityId}
              onChange={(facilityId) => setFilters((f) => ({ ...f, facilityId }))}
              options={[{ value: '', label: t('audit.filter.anyFacility') }, ...readable.options]}
              searchDirectory={readable.everywhere}
            />
          </div>
          <Button type="submit" variant="light">
            {t('users.search.submit')}
          </Button>
        </Group>
      </form>
      {list.error !== undefined && <QueryError error={list.error} onRetry={list.reload} />}
      <UserTable
        items={list.items}
        loading={list.loading}
        canManage={canManage}
        canGrant={canGrant}
        onRoles={setEditing}
        onUnlock={(u) => void unlock(u)}
      />
      <PagedTableFooter list={list} />
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          notify({ color: 'green', message: t('users.created', { name: user.displayName }) });
          list.reload();
        }}
      />
      <RolesModal user={editing} onClose={() => setEditing(null)} onChanged={replace} />
    </Stack>
  );
}
