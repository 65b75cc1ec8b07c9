import { Badge, Group, Text } from '@mantine/core';
import type { SpecialtyCode } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { specialtyName } from './labels';

/** Specialties as light badges, wrapping on narrow screens; a dash when there is none. */
export function SpecialtyBadges({ codes, max }: { codes: readonly SpecialtyCode[]; max?: number }) {
  const t = useT();
  if (codes.length === 0) return <Text c="dimmed">—</Text>;
  const shown = max ? codes.slice(0, max) : codes;
  return (
    <Group gap={4}>
      {shown.map((code) => (
        <Badge key={code} variant="light" tt="none" fw={500}>
          {specialtyName(code, t.locale)}
        </Badge>
      ))}
      {shown.length < codes.length && (
        <Badge variant="outline" tt="none" fw={500} color="gray">
          {t('common.more', { count: codes.length - shown.length })}
        </Badge>
      )}
    </Group>
  );
}
