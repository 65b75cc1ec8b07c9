import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { FacilitySummary } from '@vuonxa/core';
import { ListTable } from '../../components/ListTable';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';

/** Facilities found, each linking to its page; scrolls sideways inside itself on a tablet in portrait. */
export function FacilityTable({ items, loading }: { items: readonly FacilitySummary[]; loading: boolean }) {
  const t = useT();
  // Three columns fit a tablet in portrait (about 540 px beside the navbar) without sideways scrolling.
  const headers = [t('facility.name'), `${t('facility.type')} · ${t('facility.level')}`, t('facility.province')];
  return (
    <ListTable
      headers={headers}
      loading={loading}
      isEmpty={items.length === 0}
      empty={t('facilities.empty')}
      minWidth={520}
      testId="facility-table"
    >
      {items.map((f) => (
        <Table.Tr key={f.id} data-testid="facility-row">
          <Table.Td>
            <Anchor component={Link} href={`/facilities/${encodeURIComponent(f.id)}`} fw={600} size="sm">
              {f.name}
            </Anchor>
            <Text size="xs" c="dimmed" ff="monospace">
              {f.code}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{t(`facilityType.${f.type}`)}</Text>
            {f.technicalLevel && (
              <Badge variant="light" color="teal" tt="none" size="sm">
                {t(`techLevel.${f.technicalLevel}`)}
              </Badge>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{f.provinceName ?? '—'}</Text>
            {f.country !== 'VN' && (
              <Text size="xs" c="dimmed">
                {t(`country.${f.country}`)}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
