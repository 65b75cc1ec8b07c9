import { Fieldset, NativeSelect, SimpleGrid } from '@mantine/core';
import { CONSULT_TYPES, RESPONSE_TARGET_MINUTES, URGENCIES } from '@vuonxa/core';
import type { Urgency } from '@vuonxa/core';
import { INTL_LOCALES } from '../../i18n/i18n';
import type { Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { isSpecialty, specialtyOptions } from '../registry/labels';
import type { ConsultSectionProps } from './consult-form-section';
import { HubSelect } from './HubSelect';

/** "1 hour", "24 hours", "3 days" in the reader's language. */
export function responseTargetText(t: Translator, urgency: Urgency): string {
  const minutes = RESPONSE_TARGET_MINUTES[urgency];
  const [value, unit] =
    minutes % 1440 === 0 && minutes > 1440 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(INTL_LOCALES[t.locale], { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * What is asked, and of whom: the Circular 49 type, the urgency with its response target, the specialty and the
 * hub that answers it (chosen anew when the specialty changes).
 */
export function ConsultRequestSection({
  values,
  change,
  err,
  disabled,
  facilityId,
  onHub,
  hubDisabled,
}: ConsultSectionProps & {
  /** The requesting facility: the hubs nearest to it come first. */
  facilityId: string;
  onHub: (targetHubId: string, targetHubName: string) => void;
  /** The hub is fixed once the request has been submitted (and whenever nothing can be edited). */
  hubDisabled: boolean;
}) {
  const t = useT();
  const typeOptions = [
    { value: '', label: t('common.choose') },
    ...CONSULT_TYPES.map((v) => ({ value: v, label: t(`consult.type.${v}`) })),
  ];
  const urgencyOptions = [
    { value: '', label: t('common.choose') },
    ...URGENCIES.map((u) => ({
      value: u,
      label: t('consult.urgencyWithTarget', { urgency: t(`consult.urgency.${u}`), target: responseTargetText(t, u) }),
    })),
  ];

  return (
    <Fieldset legend={t('consult.form.requestSection')}>
      <SimpleGrid type="container" cols={{ base: 1, '36rem': 2 }}>
        <NativeSelect
          label={t('consult.type')}
          withAsterisk
          value={values.type}
          data={typeOptions}
          onChange={(e) => change({ type: CONSULT_TYPES.find((x) => x === e.currentTarget.value) ?? '' }, 'type')}
          error={err('type')}
          disabled={disabled}
          data-testid="consult-type"
        />
        <NativeSelect
          label={t('consult.urgency')}
          withAsterisk
          value={values.urgency}
          data={urgencyOptions}
          description={values.urgency ? t('consult.form.responseTarget', { target: responseTargetText(t, values.urgency) }) : undefined}
          onChange={(e) => change({ urgency: URGENCIES.find((x) => x === e.currentTarget.value) ?? '' }, 'urgency')}
          error={err('urgency')}
          disabled={disabled}
          data-testid="consult-urgency"
        />
        <NativeSelect
          label={t('consult.specialty')}
          withAsterisk
          value={values.specialty}
          data={[{ value: '', label: t('common.choose') }, ...specialtyOptions(t.locale)]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            // Another specialty is answered by other hubs: the nearest for it is chosen anew.
            change({ specialty: isSpecialty(v) ? v : '', targetHubId: '', targetHubName: '' }, 'specialty', 'targetHubId');
          }}
          error={err('specialty')}
          disabled={disabled}
          data-testid="consult-specialty"
        />
        <div>
          <HubSelect
            facilityId={facilityId}
            specialty={values.specialty}
            value={values.targetHubId}
            valueName={values.targetHubName}
            onChange={onHub}
            error={err('targetHubId')}
            disabled={hubDisabled}
          />
        </div>
      </SimpleGrid>
    </Fieldset>
  );
}
