import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { AuthFrame } from './AuthFrame';
import { CredentialsStep } from './CredentialsStep';
import { TotpStep } from './TotpStep';
import { useSession } from './use-session';

/**
 * Sign-in: e-mail or phone and password, then the authenticator code when the account has two-factor
 * sign-in. An account that must enrol goes on to the enrolment screen through the session state.
 */
export function LoginPage() {
  const t = useT();
  const { signedIn } = useSession();
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  return (
    <AuthFrame
      footer={
        <Text ta="center" size="sm">
          <Anchor component={Link} href="/patient/signin" fw={600} data-testid="login-patient-link">
            {t('otp.patientLink')}
          </Anchor>
        </Text>
      }
    >
      {step === 'credentials' ? (
        <CredentialsStep
          onResult={(res) => {
            if (res.status === 'totp_required') setStep('totp');
            else signedIn(res);
          }}
        />
      ) : (
        <TotpStep onBack={() => setStep('credentials')} onVerified={(me) => signedIn({ status: 'ok', me })} />
      )}
    </AuthFrame>
  );
}
