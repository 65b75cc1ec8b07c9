import { TextInput } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { describeProblem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { cleanTotpCode } from './totp-code';
import type { TotpCodeField } from './use-totp-code';

interface Props {
  field: TotpCodeField;
  testId?: string;
  size?: MantineSize;
  maw?: number;
  autoFocus?: boolean;
}

/**
 * The 6-digit code box: numeric keypad on tablets, one-time-code autofill, spaces and dashes of a pasted
 * "123 456" dropped, the field's problem shown under it.
 *
 * @example
 * const totp = useTotpCode();
 * <TotpCodeInput field={totp} testId="totp-code" size="lg" />
 */
export function TotpCodeInput({ field: { code, setCode, problem, inputRef }, testId, size, maw, autoFocus }: Props) {
  const t = useT();
  return (
    <TextInput
      ref={inputRef}
      data-testid={testId}
      label={t('totp.code')}
      name="one-time-code"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={7}
      value={code}
      onChange={(e) => setCode(cleanTotpCode(e.currentTarget.value))}
      error={problem ? describeProblem(t, problem) : undefined}
      size={size}
      maw={maw}
      autoFocus={autoFocus}
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
