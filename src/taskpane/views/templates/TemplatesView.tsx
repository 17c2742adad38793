/** Placeholder until the Templates view lands (being built in parallel). */
import type { ViewProps } from '../viewProps';

export function TemplatesView(_props: ViewProps) {
  return <p>Templates</p>;
}
