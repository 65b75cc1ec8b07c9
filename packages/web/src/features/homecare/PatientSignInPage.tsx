import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { otpRequestSchema } from '@vuonxa/core';
import type { Me } from '@vuonxa/core';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { describeProblem, errorMessage } from '../../i18n/error-message';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { AuthFrame } from '../auth/AuthFrame';
import { TotpCodeInput } from '../auth/TotpCodeInput';
import { useSession } from '../auth/use-session';
import { useTotpCode } from '../auth/use-totp-code';
import { useNow } from '../consults/use-now';
import { formatClock, resendDelaySeconds, secondsLeft } from './homecare-logic';
import { otpApi } from './homecare.api';

interface Sent {
  phone: string;
  devInbox: boolean;
  /** When the code stops working and when another may be asked, in ms since the epoch. */
  expiresAt: number;
  resendAt: number;
}

function sentFrom(phone: string, res: { expiresInSeconds: number; devInbox: boolean }): Sent {
  const now = Date.now();
  return {
    phone,
    devInbox: res.devInbox,
    expiresAt: now + res.expiresInSeconds * 1000,
    resendAt: now + resendDelaySeconds(res.expiresInSeconds) * 1000,
  };
}

/**
 * `/patient/signin`: a patient signs in with the phone number and a one-time code sent by SMS; a new number
 * creates the patient's account. In demo mode the code is not sent: the SMS shows on the demo inbox page.
 */
export function PatientSignInPage() {
  const { signedIn } = useSession();
  const [sent, setSent] = useState<Sent | null>(null);
  return (
    <AuthFrame>
      {sent ? (
        <CodeStep sent={sent} onResent={setSent} onBack={() => setSent(null)} onSignedIn={(me) => signedIn({ status: 'ok', me })} />
      ) : (
        <PhoneStep onSent={(phone, res) => setSent(sentFrom(phone, res))} />
      )}
    </AuthFrame>
  );
}

function PhoneStep({ onSent }: { onSent: (phone: string, res: { expiresInSeconds: number; devInbox: boolean }) => void }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  const [fieldProblem, setFieldProblem] = useState<Problem | null>(null);
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFormProblem(null);
    const parsed = otpRequestSchema.safeParse({ phone });
    if (!parsed.success) {
      setFieldProblem({ key: 'otp.phone.invalid' });
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onSent(parsed.data.phone, await otpApi.request(parsed.data.phone));
    } catch (error) {
      const issue = error instanceof ApiError ? error.issues.find((i) => i.field === 'phone') : undefined;
      if (issue) {
        setFieldProblem({ key: 'otp.phone.invalid' });
        inputRef.current?.focus();
      } else setFormProblem({ error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="otp-title">
      <Stack>
        <Title order={2} size="h3" id="otp-title">
          {t('otp.title')}
        </Title>
        <Text size="sm">{t('otp.intro')}</Text>
        {formProblem && (
          <Alert color="red" role="alert" data-testid="otp-error">
            {describeProblem(t, formProblem)}
          </Alert>
        )}
        <TextInput
          ref={inputRef}
          data-testid="otp-phone"
          label={t('otp.phone')}
          description={t('otp.phone.hint')}
          type="tel"
          name="tel"
          autoComplete="tel"
          inputMode="tel"
          size="lg"
          value={phone}
          onChange={(e) => {
            setPhone(e.currentTarget.value);
            setFieldProblem(null);
          }}
          error={fieldProblem ? describeProblem(t, fieldProblem) : undefined}
          withAsterisk
        />
        <Button type="submit" data-testid="otp-request" loading={busy} fullWidth size="lg">
          {t('otp.request')}
        </Button>
        <Anchor component={Link} href="/login" size="sm" ta="center" py={6} data-testid="otp-staff-link">
          {t('otp.staffSignIn')}
        </Anchor>
      </Stack>
    </form>
  );
}

function CodeStep({
  sent,
  onResent,
  onBack,
  onSignedIn,
}: {
  sent: Sent;
  onResent: (sent: Sent) => void;
  onBack: () => void;
  onSignedIn: (me: Me) => void;
}) {
  const t = useT();
  const code = useTotpCode();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const [resendProblem, setResendProblem] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const { inputRef } = code;
  const waitResend = secondsLeft(sent.resendAt, now);
  const expired = secondsLeft(sent.expiresAt, now) === 0;

  useEffect(() => inputRef.current?.focus(), [inputRef]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!code.checkFormat()) return;
    setBusy(true);
    try {
      onSignedIn(await otpApi.verify(sent.phone, code.code));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_INVALID_CREDENTIALS') {
        code.setProblem({ key: 'otp.code.invalid' });
        code.setCode('');
        inputRef.current?.focus();
      } else code.fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function resend(): Promise<void> {
    setResending(true);
    setResendProblem(null);
    setResent(false);
    try {
      onResent(sentFrom(sent.phone, await otpApi.request(sent.phone)));
      code.setCode('');
      code.setProblem(null);
      setResent(true);
      inputRef.current?.focus();
    } catch (error) {
      setResendProblem(errorMessage(t, error));
    } finally {
      setResending(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="otp-code-title">
      <Stack>
        <Title order={2} size="h3" id="otp-code-title">
          {t('otp.code.title')}
        </Title>
        <Text size="sm" data-testid="otp-sent-to">
          {t('otp.code.sentTo', { phone: sent.phone })}
        </Text>
        {sent.devInbox && (
          <Alert color="yellow" data-testid="otp-dev-notice">
            <Text size="sm">{t('otp.devInbox.notice')}</Text>
            <Anchor href="/dev/sms" target="_blank" rel="noopener" fw={600} size="sm" data-testid="otp-dev-inbox">
              {t('otp.devInbox.link')}
            </Anchor>
          </Alert>
        )}
        <TotpCodeInput field={code} testId="otp-code" size="lg" />
        <Text size="xs" c={expired ? 'red.8' : 'dimmed'} aria-live="polite">
          {expired ? t('otp.code.expired') : t('otp.code.validFor', { time: formatClock(secondsLeft(sent.expiresAt, now)) })}
        </Text>
        <Button type="submit" data-testid="otp-verify" loading={busy} fullWidth size="lg">
          {t('otp.verify')}
        </Button>
        {resendProblem && (
          <Alert color="red" role="alert">
            {resendProblem}
          </Alert>
        )}
        {resent && (
          <Text size="sm" c="teal.9" role="status">
            {t('otp.resent')}
          </Text>
        )}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Button variant="subtle" onClick={onBack} data-testid="otp-change-phone" size="md">
            {t('otp.changePhone')}
          </Button>
          <Button
            variant="light"
            onClick={() => void resend()}
            disabled={waitResend > 0}
            loading={resending}
            data-testid="otp-resend"
            size="md"
          >
            {waitResend > 0 ? t('otp.resendIn', { time: formatClock(waitResend) }) : t('otp.resend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
