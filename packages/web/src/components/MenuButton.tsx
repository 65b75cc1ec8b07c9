import { Button, Menu } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { ChevronDown } from './icons';

interface Props {
  /** The dropdown's width in px. */
  width: number;
  /** The button that opens the menu; it must have an accessible name. */
  trigger: ButtonProps & { 'aria-label': string; 'data-testid'?: string };
  /** What the button shows. */
  label: ReactNode;
  /** The menu's items. */
  children: ReactNode;
}

/**
 * A button with a chevron that opens a menu under its right edge, as in the header.
 *
 * @example
 * <MenuButton width={180} trigger={{ variant: 'default', 'aria-label': t('language.label') }} label="Tiếng Việt">
 *   <Menu.Item>English</Menu.Item>
 * </MenuButton>
 */
export function MenuButton({ width, trigger, label, children }: Props) {
  return (
    <Menu position="bottom-end" width={width} shadow="md">
      <Menu.Target>
        <Button size="sm" {...trigger} rightSection={<ChevronDown />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
