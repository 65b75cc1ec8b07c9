import { Button, Stack, Text } from '@mantine/core';
import type { AccountPerson } from '@vuonxa/core';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ageOn } from './person-form';

/** The people of the account, the holder first, as big buttons: a parent books for a child in one tap. */
export function PersonPicker({ people, onPick }: { people: readonly AccountPerson[]; onPick: (person: AccountPerson) => void }) {
  const t = useT();
  const today = localIsoDate();
  const ordered = [...people].sort((a, b) => Number(b.relation === 'self') - Number(a.relation === 'self'));
  return (
    <Stack gap="sm">
      {ordered.map((p) => {
        const age = ageOn(p.birthDate, today);
        return (
          <Button
            key={p.patientId}
            variant="default"
            size="lg"
            h="auto"
            py="sm"
            fullWidth
            justify="flex-start"
            onClick={() => onPick(p)}
            data-testid={`book-person-${p.patientId}`}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          >
            <Stack gap={0} align="flex-start">
              <Text fw={600}>{p.fullName}</Text>
              <Text size="sm" c="dimmed">
                {t(`relation.${p.relation}`)}
                {age !== null && ` · ${t('person.age', { age })}`}
              </Text>
            </Stack>
          </Button>
        );
      })}
    </Stack>
  );
}
