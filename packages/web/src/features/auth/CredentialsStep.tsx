import { Alert, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { LoginResponse } from '@vuonxa/core';
import { ApiError } from '../../api/client';
import { useFocusFirstError } from '../../components/use-focus-first-error';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { authApi } from './auth.api';

type Field = 'identifier' | 'password';
type FieldProblems = Partial<Record<Field, Problem>>;

function localProblems(identifier: string, password: string): FieldProblems {
  const problems: FieldProblems = {};
  if (identifier.trim().length < 3) problems.identifier = { key: 'login.identifier.required' };
  if (password.length === 0) problems.password = { key: 'login.password.required' };
  return problems;
}

/** Splits a failed sign-in into field problems (server validation) and one problem for the whole form. */
function serverProblems(error: unknown): { fields: FieldProblems; form: Problem | null } {
  const fields: FieldProblems = {};
  if (error instanceof ApiError) {
    for (const issue of error.issues) {
      if (issue.field === 'identifier' || issue.field === 'password') fields[issue.field] ??= { issue };
    }
  }
  const named = Object.keys(fields).length > 0;
  return { fields, form: named ? null : { error } };
}

/** The first sign-in step. Errors are linked to their field and the first one takes the focus. */
export function CredentialsStep({ onResult }: { onResult: (res: LoginResponse) => void }) {
  const t = useT();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [fieldProblems, setFieldProblems] = useState<FieldProblems>({});
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // With no field named, the password is where a person retypes after "wrong e-mail/phone or password".
  const [formRef, focusFirstError] = useFocusFirstError('input[name="password"]');

  function show(fields: FieldProblems, form: Problem | null): void {
    setFieldProblems(fields);
    setFormProblem(form);
    focusFirstError();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const local = localProblems(identifier, password);
    if (Object.keys(local).length > 0) return show(local, null);
    setBusy(true);
    try {
      const res = await authApi.login({ identifier: identifier.trim(), password });
      onResult(res);
    } catch (error) {
      const { fields, form } = serverProblems(error);
      show(fields, form);
    } finally {
      setBusy(false);
    }
  }

  const message = (field: Field) => {
    const problem = fieldProblems[field];
    return problem ? describeProblem(t, problem) : undefined;
  };

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <Stack>
        <Title order={2} size="h3" id="login-title">
          {t('login.title')}
        </Title>
        {formProblem && (
          <Alert color="red" role="alert" data-testid="login-error">
            {describeProblem(t, formProblem)}
          </Alert>
        )}
        <TextInput
          data-testid="login-identifier"
          label={t('login.identifier')}
          description={t('login.identifier.hint')}
          name="username"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          value={identifier}
          onChange={(e) => {
            setIdentifier(e.currentTarget.value);
            setFieldProblems((p) => ({ ...p, identifier: undefined }));
          }}
          error={message('identifier')}
          withAsterisk
        />
        <PasswordInput
          data-testid="login-password"
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            setFieldProblems((p) => ({ ...p, password: undefined }));
          }}
          error={message('password')}
          // Mantine's PasswordInput puts the error state on its wrapper only; the input itself must say it.
          aria-invalid={fieldProblems.password ? true : undefined}
          withAsterisk
          visibilityToggleButtonProps={{ 'aria-label': t('login.password.toggle') }}
        />
        <Button type="submit" data-testid="login-submit" loading={busy} fullWidth size="md">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
