import { Box, Divider, NavLink, Stack } from '@mantine/core';
import { useMe } from '../features/auth/use-session';
import { useT } from '../i18n/use-t';
import { Link, matchRoute, usePath } from '../router';
import { FacilitySwitcher } from './FacilitySwitcher';
import { ROUTES } from './routes';

/** The pages the user may open at the active facility; nothing is shown that would answer FORBIDDEN. */
export function NavLinks({ onNavigate }: { onNavigate: () => void }) {
  const t = useT();
  const me = useMe();
  const path = usePath();
  const items = Object.entries(ROUTES).filter(
    ([, r]) =>
      r.nav &&
      (!r.permission || me.permissions.includes(r.permission)) &&
      (!r.navIf || r.navIf.some((p) => me.permissions.includes(p))) &&
      !r.navUnless?.some((p) => me.permissions.includes(p)),
  );
  const section = matchRoute(ROUTES, path)?.route.section ?? path;
  return (
    <Stack gap={4}>
      <Box hiddenFrom="xs" pb="xs">
        <FacilitySwitcher />
        <Divider mt="xs" />
      </Box>
      {items.map(([href, route]) => (
        <NavLink
          key={href}
          component={Link}
          href={href}
          label={t(route.titleKey)}
          active={section === href}
          aria-current={path === href ? 'page' : undefined}
          onClick={onNavigate}
          data-testid={`nav-${href === '/' ? 'home' : href.slice(1).replace('/', '-')}`}
        />
      ))}
    </Stack>
  );
}
