import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Permission, Role } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { ROLE_CAPABILITIES } from './capabilities';

/** One role held at the active facility and what it can do: working links, or "coming soon" badges. */
export function RoleCard({ role, permissions }: { role: Role; permissions: readonly Permission[] }) {
  const t = useT();
  const capabilities = ROLE_CAPABILITIES[role].filter((c) => !c.permission || permissions.includes(c.permission));
  return (
    <Card withBorder padding="lg" data-testid={`role-card-${role}`}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t(`role.${role}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`role.${role}.summary`)}
        </Text>
        <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {capabilities.map((c) => (
            <Group key={c.key} component="li" justify="space-between" wrap="nowrap" gap="xs">
              {c.href ? (
                <Anchor component={Link} href={c.href} size="sm">
                  {t(c.key)}
                </Anchor>
              ) : (
                <>
                  <Text size="sm">{t(c.key)}</Text>
                  <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                    {t('common.comingSoon')}
                  </Badge>
                </>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
