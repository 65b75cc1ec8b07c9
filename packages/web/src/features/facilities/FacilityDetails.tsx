import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { FacilityDetail } from '@vuonxa/core';
import { DetailList } from '../../components/DetailList';
import type { Detail } from '../../components/DetailList';
import { formatDate, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { SpecialtyBadges } from '../registry/SpecialtyBadges';

/** What the registry knows of a facility: names in every language given, level, place, contact, eligibility. */
export function FacilityDetails({ facility: f }: { facility: FacilityDetail }) {
  const t = useT();
  const level = f.technicalLevel
    ? `${t(`techLevel.${f.technicalLevel}`)}${f.technicalScore !== null ? ` · ${t('facility.score', { score: formatNumber(f.technicalScore, t.locale) })}` : ''}`
    : null;
  // The address often already names its commune and province: add them only when it does not.
  const address = f.address ?? '';
  const extra = [f.communeName, f.provinceName ?? f.provinceText, f.country === 'VN' ? null : t(`country.${f.country}`)];
  const place = [address, ...extra.filter((x): x is string => !!x && !address.toLowerCase().includes(x.toLowerCase()))]
    .filter(Boolean)
    .join(', ');
  const items: Detail[] = [
    { label: t('facility.code'), value: <Text ff="monospace">{f.code}</Text> },
    { label: t('facility.type'), value: t(`facilityType.${f.type}`) },
    { label: t('facility.level'), value: level },
    { label: t('facility.nameEn'), value: f.nameEn, lang: 'en' },
    { label: t('facility.nameLo'), value: f.nameLo, lang: 'lo' },
    { label: t('facility.nameKm'), value: f.nameKm, lang: 'km' },
    { label: t('facility.address'), value: place, wide: true },
    {
      label: t('facility.coordinates'),
      value: f.latitude !== null && f.longitude !== null ? `${f.latitude.toFixed(4)}, ${f.longitude.toFixed(4)}` : null,
    },
    { label: t('facility.phone'), value: f.contactPhone && <Anchor href={`tel:${f.contactPhone}`}>{f.contactPhone}</Anchor> },
    { label: t('facility.email'), value: f.contactEmail && <Anchor href={`mailto:${f.contactEmail}`}>{f.contactEmail}</Anchor> },
    { label: t('facility.specialties'), value: <SpecialtyBadges codes={f.specialties} />, wide: true },
  ].filter((d) => d.value !== null || !d.lang);

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <DetailList items={items} testId="facility-details" />
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('facility.eligibility')}
          </Text>
          {f.eligibility ? (
            <>
              <Group gap="xs">
                <Badge color="green" variant="light" tt="none">
                  {t('facility.eligibility.declared', { date: formatDate(f.eligibility.declaredAt, t.locale) })}
                </Badge>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {f.eligibility.scope}
              </Text>
            </>
          ) : (
            <Group gap="xs">
              <Badge color="orange" variant="light" tt="none">
                {t('facility.eligibility.none')}
              </Badge>
            </Group>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
