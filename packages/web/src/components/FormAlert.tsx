import { Alert } from '@mantine/core';
import { describeProblem } from '../i18n/error-message';
import type { Problem } from '../i18n/error-message';
import { useT } from '../i18n/use-t';

/** The problem of a whole form, focusable so that a failed save moves the focus onto it. */
export function FormAlert({ problem }: { problem: Problem | null }) {
  const t = useT();
  if (!problem) return null;
  return (
    <Alert color="red" role="alert" tabIndex={-1}>
      {describeProblem(t, problem)}
    </Alert>
  );
}
