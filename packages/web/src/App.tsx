import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Suspense, lazy, useEffect, useRef } from 'react';
import { PageLoader } from './components/PageLoader';
import { LoginPage } from './features/auth/LoginPage';
import { useSession } from './features/auth/use-session';
import { landingFor, publicScreenFor, signInPathFor } from './features/homecare/entry-paths';
import { errorMessage } from './i18n/error-message';
import { useT } from './i18n/use-t';
import { navigate, usePath } from './router';

// Everything behind sign-in loads on demand, so the sign-in page ships only what it needs.
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const EnrolRequiredPage = lazy(() => import('./features/auth/EnrolRequiredPage').then((m) => ({ default: m.EnrolRequiredPage })));
const PatientSignInPage = lazy(() => import('./features/homecare/PatientSignInPage').then((m) => ({ default: m.PatientSignInPage })));
const DevSmsPage = lazy(() => import('./features/homecare/DevSmsPage').then((m) => ({ default: m.DevSmsPage })));

/** Picks the screen for the session state and keeps the address bar in step with it. */
export function App() {
  const { state } = useSession();
  const path = usePath();
  // Where a signed-out visitor was going, to continue there after sign-in.
  const returnTo = useRef<string | null>(null);

  const permissions = state.status === 'ready' ? state.me.permissions : null;
  useEffect(() => {
    if (state.status === 'anonymous') {
      // Patients' pages lead to the code sign-in, the rest to the staff sign-in; public pages stay.
      const signIn = signInPathFor(path);
      if (signIn) {
        returnTo.current = path === '/' ? null : path + window.location.search;
        navigate(signIn, { replace: true });
      }
    } else if (permissions) {
      const to = landingFor(path, returnTo.current, permissions);
      if (to) {
        navigate(to, { replace: true });
        returnTo.current = null;
      }
    }
  }, [state.status, path, permissions]);

  // The demo SMS inbox is open whoever is (or is not) signed in.
  if (publicScreenFor(path) === 'devSms' && state.status !== 'loading') {
    return (
      <Suspense fallback={<PageLoader fullScreen />}>
        <DevSmsPage />
      </Suspense>
    );
  }

  switch (state.status) {
    case 'loading':
      return <PageLoader fullScreen />;
    case 'unreachable':
      return <Unreachable error={state.error} />;
    case 'anonymous':
      return publicScreenFor(path) === 'staff' ? (
        <LoginPage />
      ) : (
        <Suspense fallback={<PageLoader fullScreen />}>
          <PatientSignInPage />
        </Suspense>
      );
    case 'enrol':
      return (
        <Suspense fallback={<PageLoader fullScreen />}>
          <EnrolRequiredPage />
        </Suspense>
      );
    case 'ready':
      return (
        <Suspense fallback={<PageLoader fullScreen />}>
          <AppLayout />
        </Suspense>
      );
  }
}

function Unreachable({ error }: { error: unknown }) {
  const t = useT();
  const { refresh } = useSession();
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" maw={420} ta="center">
        <Title order={1} size="h2">
          {t('app.name')}
        </Title>
        <Text role="alert">{errorMessage(t, error)}</Text>
        <Button onClick={() => void refresh()}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
