import { Select } from '@mantine/core';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { geoApi } from './geo.api';

interface Props {
  provinceCode: string;
  value: string;
  onChange: (communeCode: string) => void;
  error?: string;
}

/** The communes of the chosen province (the cascade's second step); disabled until a province is chosen. */
export function CommuneSelect({ provinceCode, value, onChange, error }: Props) {
  const t = useT();
  const communes = useQuery(`geo:communes:${provinceCode}`, () => (provinceCode ? geoApi.communes(provinceCode) : Promise.resolve([])));
  const data = (communes.data ?? []).map((c) => ({ value: c.code, label: c.name }));
  return (
    <Select
      label={t('facility.commune')}
      value={value || null}
      data={data}
      searchable
      clearable
      disabled={!provinceCode}
      onChange={(next) => onChange(next ?? '')}
      placeholder={!provinceCode ? t('facility.form.provinceFirst') : communes.loading ? t('common.loading') : t('common.choose')}
      nothingFoundMessage={communes.loading ? t('common.loading') : t('geo.noMatch')}
      error={error ?? (communes.error !== undefined ? t('geo.loadFailed') : undefined)}
      comboboxProps={{ withinPortal: true }}
      data-testid="facility-commune"
    />
  );
}
