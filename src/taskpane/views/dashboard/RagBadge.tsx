/** The traffic light of an indicator, with its word next to the colour (never colour alone). */
import { pickAll } from '../../../core/i18n';
import { Badge } from '@fluentui/react-components';
import { UiLocale, strings } from '../../strings';

const COLOR = { Green: 'success', Amber: 'warning', Red: 'danger' } as const;
const SHAPE = { Green: '●', Amber: '▲', Red: '■' } as const;

export function RagBadge({ status, locale }: { status: string | null; locale: UiLocale }) {
  const t = pickAll(strings, locale);
  if (status !== 'Green' && status !== 'Amber' && status !== 'Red')
    return (
      <Badge appearance="outline" color="informative" data-status="none">
        {t.rag.none}
      </Badge>
    );
  return (
    <Badge appearance="tint" color={COLOR[status]} data-status={status}>
      <span aria-hidden="true">{SHAPE[status]}&nbsp;</span>
      {t.rag[status]}
    </Badge>
  );
}
