/** Placeholder until the Tiering view lands (being built in parallel). */
import type { ViewProps } from '../viewProps';

export function TieringView(_props: ViewProps) {
  return <p>Tiering</p>;
}
