import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/**
 * Moves the focus to the first invalid field of a form once its errors are on screen (WCAG 3.3.1: the
 * person lands on the problem). Fields are found by `aria-invalid`, which Mantine inputs set with `error`.
 *
 * @example
 * const [formRef, focusFirstError] = useFocusFirstError();
 * // in submit: setProblems(found); focusFirstError();
 * return <form ref={formRef}>…</form>;
 */
export function useFocusFirstError(fallbackSelector?: string): [RefObject<HTMLFormElement | null>, () => void] {
  const formRef = useRef<HTMLFormElement>(null);
  const [request, setRequest] = useState(0);

  useEffect(() => {
    if (request === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (fallbackSelector ? form?.querySelector<HTMLElement>(fallbackSelector) : null);
    target?.focus();
  }, [request, fallbackSelector]);

  const focusFirstError = useCallback(() => setRequest((n) => n + 1), []);
  return [formRef, focusFirstError];
}
