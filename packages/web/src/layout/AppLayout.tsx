import { Alert, AppShell, Button, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { PageLoader } from '../components/PageLoader';
import { useMe } from '../features/auth/use-session';
import { RealtimeProvider } from '../features/notifications/RealtimeProvider';
import { useT } from '../i18n/use-t';
import { Link, matchRoute, usePath } from '../router';
import { AppHeader } from './AppHeader';
import { NavLinks } from './NavLinks';
import { ROUTES } from './routes';

/** The signed-in frame: header, navbar (a drawer under `sm`, e.g. a phone), and the page of the path. */
export function AppLayout() {
  const t = useT();
  const me = useMe();
  const path = usePath();
  const [navOpened, nav] = useDisclosure(false);
  const match = matchRoute(ROUTES, path);
  const route = match?.route;
  const allowed = route && (!route.permission || me.permissions.includes(route.permission));

  useEffect(() => {
    document.title = route ? `${t(route.titleKey)} · ${t('app.name')}` : t('app.name');
  }, [route, t]);

  let page;
  if (!route) page = <Missing title={t('page.notFound.title')} body={t('page.notFound.body')} />;
  else if (!allowed) page = <Missing title={t('page.forbidden.title')} body={t('page.forbidden.body')} />;
  // Keyed by path: going from one facility to another starts the page afresh, with no stale state.
  else page = <route.component key={path} params={match?.params ?? {}} />;

  return (
    <RealtimeProvider>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'md' }}
      >
        <AppShell.Header>
          <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} />
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <NavLinks onNavigate={nav.close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <Suspense fallback={<PageLoader />}>{page}</Suspense>
        </AppShell.Main>
      </AppShell>
    </RealtimeProvider>
  );
}

function Missing({ title, body }: { title: string; body: string }) {
  const t = useT();
  return (
    <Stack maw={560}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Alert color="yellow">
        <Text size="sm">{body}</Text>
      </Alert>
      <Button component={Link} href="/" variant="light" w="fit-content">
        {t('page.backHome')}
      </Button>
    </Stack>
  );
}
