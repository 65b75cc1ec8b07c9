import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { facilitiesApi } from './facilities.api';

export interface FacilityOption {
  /** A facility id, or a sentinel such as '' (any) or 'network' chosen by the caller. */
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The choices known without asking the server (the user's own facilities, "any"…). */
  options: readonly FacilityOption[];
  /** Also search the whole directory: for network-wide roles, who act for any facility. */
  searchDirectory: boolean;
  error?: string;
  withAsterisk?: boolean;
  testId?: string;
  /** A facility not to offer (the facility being linked to another). */
  exclude?: string;
}

/**
 * A facility picker. A facility admin picks among their own facilities; a system admin types a few
 * letters of any of the network's facilities (3,321 communes do not fit in a list).
 */
export function FacilitySelect({ label, value, onChange, options, searchDirectory, error, withAsterisk, testId, exclude }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<FacilityOption | null>(null);
  // The box shows the chosen option's label once one is chosen; that is not a search.
  const shownLabel = [...options, ...(picked ? [picked] : [])].find((o) => o.value === value)?.label;
  const query = debounced === shownLabel ? '' : debounced;
  // Asked only once the list is opened: most visits to a page never open it.
  const [opened, setOpened] = useState(false);
  const active = searchDirectory && opened;
  const remote = useQuery(active ? `facilities:${query}` : 'facilities:off', (signal) =>
    active ? facilitiesApi.search(query, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );

  const data = useMemo(() => {
    const byValue = new Map<string, FacilityOption>();
    for (const o of options) byValue.set(o.value, o);
    if (picked) byValue.set(picked.value, picked);
    for (const f of remote.data?.items ?? []) if (!byValue.has(f.id)) byValue.set(f.id, { value: f.id, label: `${f.name} (${f.code})` });
    if (exclude) byValue.delete(exclude);
    return [...byValue.values()];
  }, [options, picked, remote.data, exclude]);

  return (
    <Select
      label={label}
      value={value}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      // The directory is filtered by the server; our own few options by their label.
      filter={({ options: all, search: s }) =>
        searchDirectory ? all : all.filter((o) => 'label' in o && o.label.toLowerCase().includes(s.toLowerCase().trim()))
      }
      onChange={(next, option) => {
        if (next === null) return;
        setPicked({ value: next, label: option.label });
        onChange(next);
      }}
      nothingFoundMessage={remote.loading ? t('common.loading') : t('facility.noMatch')}
      error={error}
      withAsterisk={withAsterisk}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
