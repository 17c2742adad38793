/** How the dashboard writes values and targets (expected texts written by hand). */
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { formatTarget, formatValue } from '../../src/taskpane/views/dashboard/format';
import { luminance } from '../../src/taskpane/hooks/useTheme';
import { strings, uiLocaleOf } from '../../src/taskpane/strings';

const row = (id: string) => BUILT_IN_INDICATORS.find((i) => i.id === id)!;

test('ratios read as percentages, amounts in the currency, days and counts as numbers', () => {
  expect(formatValue(0.532258064516129, 'ratio', 'en-US')).toBe('53.2%');
  expect(formatValue(0.532258064516129, 'ratio', 'zh-CN')).toBe('53.2%');
  expect(formatValue(164_130_000, 'amount', 'en-US', 'CNY')).toBe('CN¥164.13M');
  expect(formatValue(164_130_000, 'amount', 'zh-CN', 'CNY')).toBe('¥1.64亿');
  expect(formatValue(1_154_545.45, 'amount', 'en-US', 'USD')).toBe('$1.15M');
  expect(formatValue(146.25, 'days', 'en-US')).toBe('146.3 days');
  expect(formatValue(146.25, 'days', 'zh-CN')).toBe('146.3 天');
  expect(formatValue(1197, 'count', 'en-US')).toBe('1,197');
  expect(formatValue(2.2449, 'number', 'en-US')).toBe('2.24');
});

test('blank, text and an unknown currency code do not break the card', () => {
  expect(formatValue(null, 'ratio', 'en-US')).toBe('—');
  expect(formatValue('#DIV/0!', 'ratio', 'en-US')).toBe('#DIV/0!');
  expect(formatValue(1200, 'amount', 'zh-CN', '元')).toBe('1200');
});

test('targets follow the direction: ≥ green and < red when higher is better, ≤ and > when lower is', () => {
  expect(formatTarget(row('WIN_RATE_COUNT'), 'en-US')).toBe('Target ≥ 40% · red < 25%');
  expect(formatTarget(row('NO_DECISION_RATE'), 'zh-CN')).toBe('目标 ≤ 10% · 红灯 > 20%');
  expect(formatTarget(row('AVG_WON_DEAL'), 'en-US')).toBeUndefined();
});

test('language tags and theme colours', () => {
  expect([uiLocaleOf('zh-TW'), uiLocaleOf('ZH'), uiLocaleOf('en-GB'), uiLocaleOf(undefined), uiLocaleOf('fr')]).toEqual([
    'zh-CN',
    'zh-CN',
    'en-US',
    'en-US',
    'en-US',
  ]);
  expect(luminance('#ffffff')).toBeCloseTo(1);
  expect(luminance('#1f1f1f')! < 0.5).toBe(true);
  expect(luminance('blue')).toBeUndefined();
  // Both languages have the same keys (the type says so; this guards the views map too).
  expect(Object.keys(strings['zh-CN'].views)).toEqual(Object.keys(strings['en-US'].views));
});
