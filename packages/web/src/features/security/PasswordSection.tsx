import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { checkPassword } from '@vuonxa/core';
import type { PasswordProblem } from '@vuonxa/core';
import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useFocusFirstError } from '../../components/use-focus-first-error';
import { useNotice } from '../../components/use-notice';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { authApi } from '../auth/auth.api';
import { useMe } from '../auth/use-session';
import { PasswordRules } from './PasswordRules';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

function serverProblems(error: unknown): Partial<Record<Field, Problem>> {
  if (!(error instanceof ApiError)) return { currentPassword: { error } };
  if (error.code === 'AUTH_INVALID_CREDENTIALS') return { currentPassword: { key: 'password.currentWrong' } };
  if (error.code === 'PASSWORD_TOO_WEAK') return { newPassword: { error } };
  const fields: Partial<Record<Field, Problem>> = {};
  for (const issue of error.issues) {
    if (issue.field === 'currentPassword' || issue.field === 'newPassword') fields[issue.field] ??= { issue };
  }
  return Object.keys(fields).length > 0 ? fields : { currentPassword: { error } };
}

/** Change of password with the policy checked live; the server checks again and may add problems. */
export function PasswordSection() {
  const t = useT();
  const me = useMe();
  const notify = useNotice();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, Problem>>>({});
  const [serverPolicy, setServerPolicy] = useState<PasswordProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [formRef, focusFirstError] = useFocusFirstError();
  const identifiers = [me.user.email, me.user.phone].filter((x): x is string => !!x);
  const policy = [...new Set([...checkPassword(values.newPassword, identifiers), ...serverPolicy])];

  function show(next: Partial<Record<Field, Problem>>): void {
    setProblems(next);
    focusFirstError();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const local: Partial<Record<Field, Problem>> = {};
    if (!values.currentPassword) local.currentPassword = { key: 'password.currentRequired' };
    if (policy.length > 0) local.newPassword = { key: 'password.policyUnmet' };
    if (values.confirm !== values.newPassword) local.confirm = { key: 'password.mismatch' };
    if (Object.keys(local).length > 0) return show(local);
    setBusy(true);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setProblems({});
      setServerPolicy([]);
      notify({ color: 'green', message: t('password.changed') });
    } catch (error) {
      const reported = error instanceof ApiError ? error.details : undefined;
      const list = (reported as { problems?: unknown } | undefined)?.problems;
      if (Array.isArray(list)) setServerPolicy(list.filter((p): p is PasswordProblem => typeof p === 'string'));
      show(serverProblems(error));
    } finally {
      setBusy(false);
    }
  }

  const bind = (field: Field) => ({
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
      setProblems((p) => ({ ...p, [field]: undefined }));
      if (field === 'newPassword') setServerPolicy([]);
    },
    error: problems[field] ? describeProblem(t, problems[field]) : undefined,
    // Mantine's PasswordInput marks only its wrapper invalid; the input itself must say it.
    'aria-invalid': problems[field] ? true : undefined,
    visibilityToggleButtonProps: { 'aria-label': t('login.password.toggle') },
  });

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack maw={420}>
        <PasswordInput label={t('password.current')} autoComplete="current-password" {...bind('currentPassword')} />
        <PasswordInput label={t('password.new')} autoComplete="new-password" {...bind('newPassword')} />
        <PasswordRules problems={policy} touched={values.newPassword.length > 0} />
        <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...bind('confirm')} />
        <Group>
          <Button type="submit" loading={busy} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
