import { Box, Group, Loader, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { MantineBreakpoint } from '@mantine/core';
import { useState } from 'react';
import { ChevronDown, Check } from '../components/icons';
import { useNotice } from '../components/use-notice';
import { authApi } from '../features/auth/auth.api';
import { activeRoles, facilitiesOf } from '../features/auth/memberships';
import type { FacilityChoice } from '../features/auth/memberships';
import { useMe, useSession } from '../features/auth/use-session';
import { errorMessage } from '../i18n/error-message';
import type { Translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';

function facilityName(t: Translator, f: FacilityChoice | undefined): string {
  if (!f) return t('facility.none');
  if (f.facilityId === null) return t('facility.network');
  return f.name ?? f.code ?? t('facility.unnamed');
}

/**
 * The facility the user acts for and their role there. With several memberships it opens a menu to act
 * for another one (`POST /api/me/facility`): permissions, tasks and lists follow the active facility.
 */
export function FacilitySwitcher({ testId, visibleFrom }: { testId?: string; visibleFrom?: MantineBreakpoint }) {
  const t = useT();
  const me = useMe();
  const { setMe } = useSession();
  const notify = useNotice();
  const [busy, setBusy] = useState(false);
  const choices = facilitiesOf(me);
  const active = choices.find((c) => c.facilityId === me.activeFacilityId);
  const roles = activeRoles(me)
    .map((r) => t(`role.${r}`))
    .join(', ');

  async function choose(facilityId: string | null): Promise<void> {
    setBusy(true);
    try {
      setMe(await authApi.switchFacility(facilityId));
    } catch (error) {
      notify({ color: 'red', message: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const current = (
    <Stack gap={0} miw={0}>
      <Text size="sm" fw={600} truncate data-testid={testId}>
        {facilityName(t, active)}
      </Text>
      <Text size="xs" c="dimmed" truncate data-testid={testId ? `${testId}-role` : undefined}>
        {roles || t('facility.noRole')}
      </Text>
    </Stack>
  );

  if (choices.length <= 1) {
    return (
      <Box visibleFrom={visibleFrom} miw={0} maw={320}>
        {current}
      </Box>
    );
  }

  return (
    <Box visibleFrom={visibleFrom} miw={0} maw={320}>
      <Menu position="bottom-start" width={300} shadow="md">
        <Menu.Target>
          <UnstyledButton px={6} py={2} style={{ borderRadius: 'var(--mantine-radius-sm)', maxWidth: '100%' }}>
            <Group gap={6} wrap="nowrap">
              <VisuallyHidden>{t('facility.switch')}: </VisuallyHidden>
              {current}
              {busy ? <Loader size={14} /> : <ChevronDown />}
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('facility.switch')}</Menu.Label>
          {choices.map((c) => (
            <Menu.Item
              key={c.facilityId ?? 'network'}
              onClick={() => void choose(c.facilityId)}
              disabled={busy}
              rightSection={c.facilityId === me.activeFacilityId ? <Check /> : null}
              aria-current={c.facilityId === me.activeFacilityId ? 'true' : undefined}
            >
              <Text size="sm">{facilityName(t, c)}</Text>
              <Text size="xs" c="dimmed">
                {c.roles.map((r) => t(`role.${r}`)).join(', ')}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Box>
  );
}
