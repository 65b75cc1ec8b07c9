import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Practitioner } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { LOCALE_NAMES } from '../../i18n/i18n';
import { Link } from '../../router';
import { SpecialtyBadges } from '../registry/SpecialtyBadges';

/** One practitioner in the directory: who, what, where, which languages, and whether on call now. */
export function PractitionerCard({ practitioner: p }: { practitioner: Practitioner }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="practitioner-row" component="article" aria-labelledby={`pr-${p.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} miw={0}>
            <Anchor component={Link} href={`/practitioners/${encodeURIComponent(p.id)}`} fw={600} id={`pr-${p.id}`}>
              {p.fullName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`profession.${p.profession}`)} · <span style={{ fontFamily: 'monospace' }}>{p.licenceNumber}</span>
            </Text>
          </Stack>
          {p.onCallNow ? (
            <Badge color="green.8" tt="none" data-testid="on-call-badge" style={{ flexShrink: 0 }}>
              {t('practitioner.onCallNow')}
            </Badge>
          ) : (
            p.availability !== 'available' && (
              <Badge color={p.availability === 'unavailable' ? 'gray' : 'yellow'} variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t(`availability.${p.availability}`)}
              </Badge>
            )
          )}
        </Group>
        <SpecialtyBadges codes={p.specialties} max={4} />
        <Stack gap={0}>
          {p.memberships.map((m) => (
            <Text key={m.facilityId} size="sm" lineClamp={2}>
              <Anchor component={Link} href={`/facilities/${encodeURIComponent(m.facilityId)}`} size="sm">
                {m.facilityName}
              </Anchor>
              <Text span size="xs" c="dimmed">
                {' · '}
                {m.position}
                {m.provinceName ? ` · ${m.provinceName}` : ''}
              </Text>
            </Text>
          ))}
        </Stack>
        <Text size="xs" c="dimmed">
          {t('practitioner.languages')}:{' '}
          {p.languages.map((l) => (
            <span key={l} lang={l}>
              {LOCALE_NAMES[l]}{' '}
            </span>
          ))}
        </Text>
      </Stack>
    </Paper>
  );
}
