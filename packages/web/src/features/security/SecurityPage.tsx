import { Card, Stack, Title } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { PasswordSection } from './PasswordSection';
import { TotpSection } from './TotpSection';

/** The user's own sign-in security: two-factor sign-in and password. */
export function SecurityPage() {
  const t = useT();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1} size="h2">
        {t('security.title')}
      </Title>
      <Card withBorder padding="lg" component="section" aria-labelledby="security-totp">
        <Title order={2} size="h4" id="security-totp" mb="sm">
          {t('security.totp.title')}
        </Title>
        <TotpSection />
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="security-password">
        <Title order={2} size="h4" id="security-password" mb="sm">
          {t('security.password.title')}
        </Title>
        <PasswordSection />
      </Card>
    </Stack>
  );
}
