import { foldText } from '@vuonxa/core';

/**
 * A LIKE pattern matching stored `search_text` (folded by vx_fold) that contains the folded query, with the
 * query's own % _ \\ taken literally.
 *
 * @example
 * containsPattern('Điện Biên'); // '%dien bien%'
 */
export function containsPattern(q: string): string {
  return `%${foldText(q).replace(/[%_\\]/g, '\\$&')}%`;
}
