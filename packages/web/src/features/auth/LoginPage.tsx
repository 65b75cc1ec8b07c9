import { useState } from 'react';
import { AuthFrame } from './AuthFrame';
import { CredentialsStep } from './CredentialsStep';
import { TotpStep } from './TotpStep';
import { useSession } from './use-session';

/**
 * Sign-in: e-mail or phone and password, then the authenticator code when the account has two-factor
 * sign-in. An account that must enrol goes on to the enrolment screen through the session state.
 */
export function LoginPage() {
  const { signedIn } = useSession();
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  return (
    <AuthFrame>
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
