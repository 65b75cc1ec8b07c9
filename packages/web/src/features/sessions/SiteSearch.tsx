import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { facilitiesApi } from '../facilities/facilities.api';

/** Finds a facility of the network by a few letters of its name or code and hands it over; the box clears itself. */
export function SiteSearch({
  label,
  exclude,
  onPick,
}: {
  label: string;
  exclude: readonly string[];
  onPick: (f: { id: string; name: string }) => void;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [opened, setOpened] = useState(false);
  const remote = useQuery(opened ? `site-search:${debounced}` : 'site-search:off', (signal) =>
    opened ? facilitiesApi.search(debounced, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const data = (remote.data?.items ?? [])
    .filter((f) => !exclude.includes(f.id))
    .map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }));
  return (
    <Select
      label={label}
      value={null}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      filter={({ options }) => options}
      onChange={(next) => {
        const found = remote.data?.items.find((f) => f.id === next);
        if (found) onPick({ id: found.id, name: found.name });
        setSearch('');
      }}
      nothingFoundMessage={remote.loading ? t('common.loading') : t('facility.noMatch')}
      comboboxProps={{ withinPortal: true }}
      data-testid="session-site-search"
    />
  );
}
