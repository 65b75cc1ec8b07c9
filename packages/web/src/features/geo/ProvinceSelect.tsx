import { Select } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { geoApi } from './geo.api';

interface Props {
  label: string;
  value: string;
  onChange: (provinceCode: string) => void;
  /** The label of the empty choice ("any province"); without it a province must be chosen. */
  anyLabel?: string;
  error?: string;
  withAsterisk?: boolean;
  testId?: string;
}

/** The 34 provinces in force, searchable by typing part of the name. */
export function ProvinceSelect({ label, value, onChange, anyLabel, error, withAsterisk, testId }: Props) {
  const t = useT();
  const provinces = useQuery('geo:provinces', () => geoApi.provinces());
  const options = (provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }));
  const data = anyLabel !== undefined ? [{ value: '', label: anyLabel }, ...options] : options;
  return (
    <Select
      label={label}
      value={value}
      data={data}
      searchable
      onChange={(next) => onChange(next ?? '')}
      allowDeselect={false}
      nothingFoundMessage={provinces.loading ? t('common.loading') : t('geo.noMatch')}
      placeholder={provinces.loading ? t('common.loading') : undefined}
      error={error ?? (provinces.error !== undefined ? t('geo.loadFailed') : undefined)}
      withAsterisk={withAsterisk}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
