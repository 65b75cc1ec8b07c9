import { forgetClinicalDataOnDevice } from './device-data';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale, Me } from '@vuonxa/core';
import { ApiError, onAuthError } from '../../api/client';
import { useI18n } from '../../i18n/use-t';
import { navigate } from '../../router';
import { authApi } from './auth.api';
import { SessionContext } from './use-session';
import type { SessionState, SessionValue } from './use-session';

function stateFor(me: Me): SessionState {
  return me.mfa.required && !me.mfa.enrolled ? { status: 'enrol', me } : { status: 'ready', me };
}

function stateForError(error: unknown): SessionState {
  if (error instanceof ApiError && error.code === 'AUTH_REQUIRED') return { status: 'anonymous' };
  if (error instanceof ApiError && error.code === 'AUTH_TOTP_ENROLMENT_REQUIRED') return { status: 'enrol', me: null };
  return { status: 'unreachable', error };
}

/**
 * Knows who is signed in. The first `GET /api/me` decides the screen; afterwards any call answering
 * AUTH_REQUIRED (session ended) or AUTH_TOTP_ENROLMENT_REQUIRED moves the app to sign-in or enrolment.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // A language picked on the sign-in screen wins over the one saved on the account, and is saved there.
  const pickedBeforeSignIn = useRef(false);

  const load = useCallback(async () => {
    try {
      const me = await authApi.me({ quiet: true });
      setLocale(me.user.locale);
      setState(stateFor(me));
    } catch (error) {
      setState(stateForError(error));
    }
  }, [setLocale]);

  // The first look at the session; the same as `load`, written with callbacks so the effect only
  // subscribes to an answer (react-hooks/set-state-in-effect).
  useEffect(() => {
    let live = true;
    authApi.me({ quiet: true }).then(
      (me) => {
        if (!live) return;
        setLocale(me.user.locale);
        setState(stateFor(me));
      },
      (error: unknown) => {
        if (live) setState(stateForError(error));
      },
    );
    return () => {
      live = false;
    };
  }, [setLocale]);

  useEffect(
    () =>
      onAuthError((error) => {
        if (error.code === 'AUTH_REQUIRED') setState({ status: 'anonymous' });
        else setState((s) => ({ status: 'enrol', me: s.status === 'ready' || s.status === 'enrol' ? s.me : null }));
      }),
    [],
  );

  const setMe = useCallback((me: Me) => setState(stateFor(me)), []);

  const signedIn = useCallback<SessionValue['signedIn']>(
    (res) => {
      if (pickedBeforeSignIn.current && res.me.user.locale !== locale) {
        // Best effort: the choice is already saved on this device if the account cannot take it yet.
        void authApi.setLocale(locale).then(setMe, () => undefined);
      } else if (!pickedBeforeSignIn.current) {
        setLocale(res.me.user.locale);
      }
      pickedBeforeSignIn.current = false;
      setState(res.status === 'ok' ? stateFor(res.me) : { status: 'enrol', me: res.me });
    },
    [locale, setLocale, setMe],
  );

  const signOut = useCallback(async () => {
    await authApi.logout();
    try {
      forgetClinicalDataOnDevice(window.localStorage);
    } catch {
      // Storage unavailable (private mode): nothing was kept.
    }
    navigate('/login');
    setState({ status: 'anonymous' });
  }, []);

  const chooseLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (state.status === 'ready') void authApi.setLocale(next).then(setMe, () => undefined);
      else pickedBeforeSignIn.current = true;
    },
    [setLocale, setMe, state.status],
  );

  const value = useMemo<SessionValue>(
    () => ({ state, signedIn, setMe, refresh: load, signOut, chooseLocale }),
    [state, signedIn, setMe, load, signOut, chooseLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
