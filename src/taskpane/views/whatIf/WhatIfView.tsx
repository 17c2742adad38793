/** Placeholder until the WhatIf view lands (being built in parallel). */
import type { ViewProps } from '../viewProps';

export function WhatIfView(_props: ViewProps) {
  return <p>WhatIf</p>;
}
