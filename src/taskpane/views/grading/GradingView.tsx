/** Placeholder until the Grading view lands (being built in parallel). */
import type { ViewProps } from '../viewProps';

export function GradingView(_props: ViewProps) {
  return <p>Grading</p>;
}
