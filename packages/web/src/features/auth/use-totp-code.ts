import { useCallback, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Problem } from '../../i18n/error-message';

export interface TotpCodeField {
  code: string;
  setCode: (code: string) => void;
  problem: Problem | null;
  setProblem: (problem: Problem | null) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** True when the code has six digits; otherwise shows "6 digits" on the field and focuses it. */
  checkFormat: () => boolean;
  /** Shows a failed call on the field and focuses it, emptying it when the code was rejected. */
  fail: (error: unknown, opts?: { clear?: boolean }) => void;
}

/**
 * The state of a 6-digit TOTP code field (RFC 6238), shared by sign-in, enrolment and disabling.
 *
 * @example
 * const totp = useTotpCode();
 * if (!totp.checkFormat()) return;
 * try { await authApi.verifyTotp(totp.code); } catch (error) { totp.fail(error, { clear: true }); }
 */
export function useTotpCode(): TotpCodeField {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const checkFormat = useCallback(() => {
    if (code.length === 6) return true;
    setProblem({ key: 'totp.code.invalidFormat' });
    inputRef.current?.focus();
    return false;
  }, [code]);

  const fail = useCallback((error: unknown, opts: { clear?: boolean } = {}) => {
    setProblem({ error });
    if (opts.clear) setCode('');
    inputRef.current?.focus();
  }, []);

  return { code, setCode, problem, setProblem, inputRef, checkFormat, fail };
}
