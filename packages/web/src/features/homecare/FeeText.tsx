import { Badge, Group, Text } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { formatVnd } from './homecare-logic';

/** A visit's fee in đồng ("Miễn phí" when 0) and whether health insurance (BHYT) covers it. */
export function FeeText({ feeVnd, insuranceCovered }: { feeVnd: number; insuranceCovered?: boolean }) {
  const t = useT();
  return (
    <Group gap={6} wrap="wrap" component="span">
      <Text component="span" fw={600} size="sm" data-testid="fee">
        {formatVnd(feeVnd, t.locale) ?? t('fee.free')}
      </Text>
      {insuranceCovered !== undefined && (
        <Badge variant="light" color={insuranceCovered ? 'teal' : 'gray'} tt="none" data-testid="fee-insurance">
          {insuranceCovered ? t('fee.insuranceCovered') : t('fee.notInsuranceCovered')}
        </Badge>
      )}
    </Group>
  );
}
