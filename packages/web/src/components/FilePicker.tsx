import { Box, Group, Input, Text } from '@mantine/core';
import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';

interface Props {
  label: string;
  description?: string;
  error?: string;
  /** The button's text ("Choose a file…"), in the reader's language rather than the browser's. */
  buttonLabel: string;
  /** The chosen file's name, or the "no file" text. */
  status: string;
  accept?: string;
  multiple?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  testId?: string;
}

/**
 * A file input whose visible text follows the app's language. The real input stays in the page, only
 * visually hidden, so keyboard, screen readers and automated tests use it as any file input.
 */
export function FilePicker({ label, description, error, buttonLabel, status, accept, multiple, onChange, testId }: Props) {
  const id = useId();
  // The input is invisible: its keyboard focus is drawn on the visible label.
  const [focused, setFocused] = useState(false);
  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <Group gap="sm" mt={6} wrap="wrap">
        <Box
          component="label"
          htmlFor={id}
          px="md"
          py={6}
          fz="sm"
          fw={600}
          style={{
            border: '1px solid var(--mantine-color-gray-4)',
            borderRadius: 'var(--mantine-radius-md)',
            cursor: 'pointer',
            background: 'var(--mantine-color-gray-0)',
            outline: focused ? '2px solid var(--mantine-primary-color-filled)' : undefined,
            outlineOffset: 2,
          }}
        >
          {buttonLabel}
        </Box>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {status}
        </Text>
      </Group>
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        onChange={onChange}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', clipPath: 'inset(50%)' }}
      />
    </Input.Wrapper>
  );
}
