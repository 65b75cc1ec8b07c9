import type { ConsultValues } from './consult-form';

/** What every section of the request form gets from the form: the values, how to change them, the problems. */
export interface ConsultSectionProps {
  values: ConsultValues;
  /** Applies `patch` and clears the problems of the server `fields` it answers. */
  change: (patch: Partial<ConsultValues>, ...fields: string[]) => void;
  /** The problem shown under a field, by its server name (`clinical.history`). */
  err: (field: string) => string | undefined;
  /** The request can no longer be edited (sent on, or being answered). */
  disabled: boolean;
}

/** The free-text fields of the request. */
export type ConsultTextField = 'history' | 'examination' | 'currentTreatment' | 'testsDone' | 'question';

/**
 * The props of a free-text input bound to one field of the request, its problem named by `serverField`.
 *
 * @example
 * <Textarea label={t('consult.question')} {...textFieldProps(props, 'question', 'question')} />
 */
export function textFieldProps({ values, change, err, disabled }: ConsultSectionProps, field: ConsultTextField, serverField: string) {
  return {
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => change({ [field]: e.currentTarget.value }, serverField),
    error: err(serverField),
    disabled,
  };
}
