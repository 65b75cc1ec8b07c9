import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '@vuonxa/core';
import type { PasswordProblem } from '@vuonxa/core';
import { Check } from '../../components/icons';
import { useT } from '../../i18n/use-t';

const RULES: readonly PasswordProblem[] = ['too_short', 'needs_letter_and_digit', 'too_common', 'contains_identifier'];

/**
 * The password policy as a checklist that updates while typing (core's `checkPassword`, the same
 * function the server applies), plus any problem the server reported.
 */
export function PasswordRules({ problems, touched }: { problems: readonly PasswordProblem[]; touched: boolean }) {
  const t = useT();
  const shown = problems.includes('too_long') ? [...RULES, 'too_long' as const] : RULES;
  return (
    <List spacing={4} size="sm" center aria-live="polite" data-testid="password-rules">
      {shown.map((rule) => {
        const ok = touched && !problems.includes(rule);
        return (
          <List.Item
            key={rule}
            icon={
              <ThemeIcon size={18} radius="xl" color={ok ? 'green' : 'gray'} variant={ok ? 'filled' : 'light'}>
                {ok ? <Check size={12} /> : null}
              </ThemeIcon>
            }
          >
            <Text size="sm" c={touched && !ok ? 'red.8' : undefined}>
              {t(`password.rule.${rule}`, { min: PASSWORD_MIN_LENGTH })}
              <VisuallyHidden>{ok ? ` (${t('password.rule.met')})` : ` (${t('password.rule.unmet')})`}</VisuallyHidden>
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}
