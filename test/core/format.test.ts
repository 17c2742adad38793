/** How the dashboard writes values and targets (expected texts written by hand). */
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { formatTarget, formatValue } from '../../src/core/format';
import { localeOf } from '../../src/core/i18n';
import { luminance } from '../../src/taskpane/hooks/useTheme';
import { strings } from '../../src/taskpane/strings';

const row = (id: string) => BUILT_IN_INDICATORS.find((i) => i.id === id)!;

test('ratios read as percentages, amounts in the currency, days and counts as numbers', () => {
  expect(formatValue(0.532258064516129, 'ratio', 'en-US', { style: 'compact' })).toBe('53.2%');
  expect(formatValue(0.532258064516129, 'ratio', 'zh-CN', { style: 'compact' })).toBe('53.2%');
  expect(formatValue(164_130_000, 'amount', 'en-US', { style: 'compact', currency: 'CNY' })).toBe('CN¥164.13M');
  expect(formatValue(164_130_000, 'amount', 'zh-CN', { style: 'compact', currency: 'CNY' })).toBe('¥1.64亿');
  expect(formatValue(22_860_000, 'amount', 'zh-CN', { style: 'compact', currency: 'CNY' })).toBe('¥2286万');
  expect(formatValue(30_000_000, 'amount', 'en-US', { style: 'compact', currency: 'CNY' })).toBe('CN¥30M');
  expect(formatValue(1_154_545.45, 'amount', 'en-US', { style: 'compact', currency: 'USD' })).toBe('$1.15M');
  expect(formatValue(146.25, 'days', 'en-US', { style: 'compact' })).toBe('146.3 days');
  expect(formatValue(146.25, 'days', 'zh-CN', { style: 'compact' })).toBe('146.3 天');
  expect(formatValue(1197, 'count', 'en-US', { style: 'compact' })).toBe('1,197');
  expect(formatValue(2.2449, 'number', 'en-US', { style: 'compact' })).toBe('2.24');
});

test('blank, text and an unknown currency code do not break the card', () => {
  expect(formatValue(null, 'ratio', 'en-US', { style: 'compact' })).toBe('—');
  expect(formatValue('#DIV/0!', 'ratio', 'en-US', { style: 'compact' })).toBe('#DIV/0!');
  expect(formatValue(1200, 'amount', 'zh-CN', { style: 'compact', currency: '元' })).toBe('1200 元');
});

test('targets follow the direction: ≥ green and < red when higher is better, ≤ and > when lower is', () => {
  expect(formatTarget(row('WIN_RATE_COUNT'), 'en-US', { style: 'compact' })).toBe('Target ≥ 40% · red < 25%');
  expect(formatTarget(row('NO_DECISION_RATE'), 'zh-CN', { style: 'compact' })).toBe('目标 ≤ 10% · 红灯 > 20%');
  expect(formatTarget(row('AVG_WON_DEAL'), 'en-US', { style: 'compact' })).toBeUndefined();
});

test('language tags and theme colours', () => {
  expect([localeOf('zh-TW'), localeOf('ZH'), localeOf('en-GB'), localeOf(undefined), localeOf('fr')]).toEqual([
    'zh-CN',
    'zh-CN',
    'en-US',
    'en-US',
    'en-US',
  ]);
  expect(luminance('#ffffff')).toBeCloseTo(1);
  expect(luminance('#1f1f1f')! < 0.5).toBe(true);
  expect(luminance('blue')).toBeUndefined();
  // Every view has a name in both languages (a Message each: the type says so, this guards the data).
  for (const m of Object.values(strings.views)) expect([m.en.trim() !== '', m.zh.trim() !== '']).toEqual([true, true]);
});

test('the kept number formats write what a new Intl.NumberFormat writes, for every locale, unit, style and currency mixed', () => {
  // The formats are made once per locale and options (issue #15); interleaving the calls would
  // show a format handed to the wrong options. The expected text comes from a format made anew.
  const values = [0, -0.5, 0.4567, 1197, 146.25, 22_860_000, -1_154_545.45, 164_130_000];
  for (let round = 0; round < 2; round++)
    for (const locale of ['en-US', 'zh-CN'] as const)
      for (const v of values) {
        const fresh = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, o).format(v);
        expect(formatValue(v, 'count', locale, { style: 'compact' })).toBe(fresh({ maximumFractionDigits: 0 }));
        expect(formatValue(v, 'ratio', locale, { style: 'compact', digits: 2 })).toBe(
          fresh({ style: 'percent', maximumFractionDigits: 2 }),
        );
        expect(formatValue(v, 'number', locale)).toBe(fresh({ minimumFractionDigits: 2, maximumFractionDigits: 2 }));
        expect(formatValue(v, 'amount', locale)).toBe(fresh({ minimumFractionDigits: 0, maximumFractionDigits: 0 }));
        for (const currency of ['CNY', 'USD'])
          expect(formatValue(v, 'amount', locale, { style: 'compact', currency })).toBe(
            fresh({ style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 }),
          );
        expect(formatValue(v, 'amount', locale, { style: 'compact', currency: 'RMB1' })).toBe(
          `${fresh({ notation: 'compact', maximumFractionDigits: 2 })} RMB1`,
        );
      }
});
