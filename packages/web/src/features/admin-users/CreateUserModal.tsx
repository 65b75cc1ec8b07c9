import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { LOCALES, checkPassword } from '@vuonxa/core';
import type { Locale, Role, UserSummary } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useFocusFirstError } from '../../components/use-focus-first-error';
import { describeProblem } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { LOCALE_NAMES, parseLocale } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { PasswordRules } from '../security/PasswordRules';
import { useMe } from '../auth/use-session';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { facilityIdOf, grantableFacilities, grantableRoles } from './grantable';
import { usersApi } from './users.api';

const FIELDS = ['displayName', 'email', 'phone', 'password', 'facilityId', 'role'] as const;
type Field = (typeof FIELDS)[number];
type Values = { displayName: string; email: string; phone: string; password: string; locale: Locale; facility: string; role: Role | '' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an account with a first role at a facility the admin may grant at. */
export function CreateUserModal(props: { opened: boolean; onClose: () => void; onCreated: (u: UserSummary) => void }) {
  const t = useT();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('users.create')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {/* Mounted only while open, so each opening starts with an empty form. */}
      {props.opened && <CreateUserForm onCancel={props.onClose} onCreated={props.onCreated} />}
    </Modal>
  );
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (u: UserSummary) => void }) {
  const t = useT();
  const me = useMe();
  const facilities = grantableFacilities(me, t);
  const [values, setValues] = useState<Values>(() => {
    const first = facilities.options.find((f) => f.value === me.activeFacilityId) ?? facilities.options[0];
    return { displayName: '', email: '', phone: '', password: '', locale: 'vi', facility: first?.value ?? '', role: '' };
  });
  const facilityId = facilityIdOf(values.facility);
  const roles = values.facility ? grantableRoles(me, facilityId) : [];
  const [problems, setProblems] = useState<Partial<Record<Field, Problem>>>({});
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusFirstError] = useFocusFirstError();
  const policy = checkPassword(values.password, [values.email, values.phone].filter(Boolean));

  const set = (field: 'displayName' | 'email' | 'phone' | 'password') => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    // A problem is stale once the field changes; e-mail and phone answer the same "one of them" rule.
    setProblems((p) => ({ ...p, [field]: undefined, ...(field === 'phone' ? { email: undefined } : {}) }));
  };
  const err = (f: Field) => (problems[f] ? describeProblem(t, problems[f]) : undefined);

  function show(found: Partial<Record<Field, Problem>>, form: Problem | null): void {
    setProblems(found);
    setFormProblem(form);
    focusFirstError();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const local: Partial<Record<Field, Problem>> = {};
    if (values.displayName.trim().length < 2) local.displayName = { key: 'users.form.nameRequired' };
    if (!values.email.trim() && !values.phone.trim()) local.email = { key: 'users.form.contactRequired' };
    else if (values.email.trim() && !EMAIL.test(values.email.trim())) local.email = { key: 'users.form.emailInvalid' };
    if (policy.length > 0) local.password = { key: 'password.policyUnmet' };
    if (!values.facility) local.facilityId = { key: 'users.form.facilityRequired' };
    if (!values.role) local.role = { key: 'users.form.roleRequired' };
    if (Object.keys(local).length > 0 || !values.role) return show(local, null);
    setBusy(true);
    try {
      const user = await usersApi.create({
        displayName: values.displayName.trim(),
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
        ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
        password: values.password,
        locale: values.locale,
        facilityId,
        role: values.role,
      });
      onCreated(user);
    } catch (error) {
      const found: Partial<Record<Field, Problem>> = {};
      if (error instanceof ApiError) {
        if (error.code === 'PASSWORD_TOO_WEAK') found.password = { error };
        for (const issue of error.issues) {
          const field = (FIELDS as readonly string[]).includes(issue.field) ? (issue.field as Field) : null;
          if (field) found[field] ??= { issue };
        }
      }
      show(found, Object.keys(found).length > 0 ? null : { error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack>
        {formProblem && (
          <Alert color="red" role="alert">
            {describeProblem(t, formProblem)}
          </Alert>
        )}
        <TextInput
          label={t('users.form.name')}
          value={values.displayName}
          onChange={set('displayName')}
          error={err('displayName')}
          withAsterisk
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="email"
            label={t('users.form.email')}
            value={values.email}
            onChange={set('email')}
            error={err('email')}
            description={t('users.form.contactHint')}
            autoComplete="off"
          />
          <TextInput
            type="tel"
            label={t('users.form.phone')}
            value={values.phone}
            onChange={set('phone')}
            error={err('phone')}
            autoComplete="off"
          />
        </SimpleGrid>
        <PasswordInput
          label={t('users.form.password')}
          value={values.password}
          onChange={set('password')}
          error={err('password')}
          aria-invalid={problems.password ? true : undefined}
          withAsterisk
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('login.password.toggle') }}
        />
        <PasswordRules problems={policy} touched={values.password.length > 0} />
        <FacilitySelect
          label={t('users.form.facility')}
          value={values.facility}
          onChange={(facility) => {
            setValues((v) => ({ ...v, facility, role: '' }));
            setProblems((p) => ({ ...p, facilityId: undefined }));
          }}
          options={facilities.options}
          searchDirectory={facilities.everywhere}
          error={err('facilityId')}
          withAsterisk
          testId="users-form-facility"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('users.form.role')}
            value={values.role}
            error={err('role')}
            withAsterisk
            onChange={(e) => {
              const role = roles.find((r) => r === e.currentTarget.value) ?? '';
              setValues((v) => ({ ...v, role }));
              setProblems((p) => ({ ...p, role: undefined }));
            }}
            data={[{ value: '', label: t('common.choose'), disabled: true }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
          />
          <NativeSelect
            label={t('users.form.locale')}
            value={values.locale}
            onChange={(e) => {
              const locale = parseLocale(e.currentTarget.value);
              if (locale) setValues((v) => ({ ...v, locale }));
            }}
            data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="users-create-submit">
            {t('users.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
