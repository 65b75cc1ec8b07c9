import { createContext, useContext } from 'react';
import type { Locale, LoginResponse, Me } from '@vuonxa/core';

/**
 * Where the person is: still finding out, signed out, signed in but obliged to set up two-factor sign-in
 * first (the server refuses everything else until then), or signed in.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'anonymous' }
  | { status: 'enrol'; me: Me | null }
  | { status: 'ready'; me: Me };

export interface SessionValue {
  state: SessionState;
  /** After `POST /api/auth/login` or the TOTP step; `totp_required` is handled by the sign-in page. */
  signedIn: (res: Exclude<LoginResponse, { status: 'totp_required' }>) => void;
  /** A fresh `Me` from the server (facility switch, locale, TOTP change). */
  setMe: (me: Me) => void;
  /** Reads `GET /api/me` again. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Changes the language; saved on the device, and on the account when signed in. */
  chooseLocale: (locale: Locale) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The session; throws outside `<SessionProvider>` (a wiring bug). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for screens rendered in the `ready` state. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'ready') throw new Error('useMe outside a signed-in screen');
  return state.me;
}
