/** Placeholder until the DecisionChain view lands (being built in parallel). */
import type { ViewProps } from '../viewProps';

export function DecisionChainView(_props: ViewProps) {
  return <p>DecisionChain</p>;
}
