import { NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { COUNTRIES } from '@vuonxa/core';
import type { FormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { CommuneSelect } from '../geo/CommuneSelect';
import { ProvinceSelect } from '../geo/ProvinceSelect';
import { registryOptions } from '../registry/labels';
import type { FacilityValues } from './facility-form';

interface Props {
  values: FacilityValues;
  change: (patch: Partial<FacilityValues>, ...fields: string[]) => void;
  form: FormProblems;
}

/**
 * Where the facility is: for Viet Nam a province, then one of its communes (the 2025 two-level units);
 * for Laos and Cambodia the province written out, as the platform holds no code list for them.
 */
export function FacilityLocationFields({ values: v, change, form }: Props) {
  const t = useT();
  const vn = v.country === 'VN';
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <NativeSelect
          label={t('facility.country')}
          value={v.country}
          onChange={(e) =>
            change({ country: COUNTRIES.find((c) => c === e.currentTarget.value) ?? 'VN' }, 'country', 'provinceCode', 'provinceText')
          }
          data={registryOptions(t).countries}
          error={form.err('country')}
        />
        {vn ? (
          <>
            <ProvinceSelect
              label={t('facility.province')}
              value={v.provinceCode}
              onChange={(provinceCode) => change({ provinceCode, communeCode: '' }, 'provinceCode', 'communeCode')}
              error={form.err('provinceCode')}
              withAsterisk
              testId="facility-province"
            />
            <CommuneSelect
              provinceCode={v.provinceCode}
              value={v.communeCode}
              onChange={(communeCode) => change({ communeCode }, 'communeCode')}
              error={form.err('communeCode')}
            />
          </>
        ) : (
          <TextInput
            label={t('facility.provinceText')}
            value={v.provinceText}
            onChange={(e) => change({ provinceText: e.currentTarget.value }, 'provinceText', 'provinceCode')}
            error={form.err('provinceText') ?? form.err('provinceCode')}
          />
        )}
      </SimpleGrid>
      <TextInput
        label={t('facility.address')}
        value={v.address}
        onChange={(e) => change({ address: e.currentTarget.value }, 'address')}
        error={form.err('address')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={t('facility.latitude')}
          inputMode="decimal"
          value={v.latitude}
          onChange={(e) => change({ latitude: e.currentTarget.value }, 'latitude')}
          error={form.err('latitude')}
        />
        <TextInput
          label={t('facility.longitude')}
          inputMode="decimal"
          value={v.longitude}
          onChange={(e) => change({ longitude: e.currentTarget.value }, 'longitude')}
          error={form.err('longitude')}
          description={t('facility.form.coordinatesHint')}
        />
      </SimpleGrid>
    </Stack>
  );
}
