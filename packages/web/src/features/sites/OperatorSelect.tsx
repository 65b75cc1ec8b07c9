import { Select, TextInput } from '@mantine/core';
import type { Site } from '@vuonxa/core';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { usersApi } from '../admin-users/users.api';
import { useRights } from '../auth/use-can';

interface Props {
  facilityId: string;
  value: string;
  /** The site being edited, for the name of its present operator. */
  current?: Site;
  onChange: (userId: string) => void;
  error?: string;
}

/**
 * Who runs the room: chosen among the facility's staff when the user may list them (`user.read` there),
 * otherwise shown as is and kept.
 */
export function OperatorSelect({ facilityId, value, current, onChange, error }: Props) {
  const t = useT();
  const mayList = useRights().at('user.read', facilityId);
  const staff = useQuery(mayList ? `staff:${facilityId}` : 'staff:off', (signal) =>
    mayList ? usersApi.list({ q: '', facilityId }, null, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );
  if (!mayList) {
    return <TextInput label={t('site.operator')} value={current?.operatorName ?? '—'} readOnly variant="filled" error={error} />;
  }
  const options = (staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  if (current?.operatorUserId && !options.some((o) => o.value === current.operatorUserId)) {
    options.unshift({ value: current.operatorUserId, label: current.operatorName ?? current.operatorUserId });
  }
  return (
    <Select
      label={t('site.operator')}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      data={options}
      searchable
      clearable
      placeholder={staff.loading ? t('common.loading') : t('site.operator.none')}
      nothingFoundMessage={t('site.operator.noMatch')}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
