/** pickAll: a table of Messages read in one language, nested tables and message functions included. */
import { Message, bi, pickAll } from '../../src/core/i18n';

const table = {
  title: bi('Tiering', '客户分级'),
  count: (n: number): Message => bi(`${n} accounts`, `${n} 家客户`),
  views: { dashboard: bi('Dashboard', '指标看板') },
};

test('every entry in the language asked for, the same keys', () => {
  const en = pickAll(table, 'en-US');
  const zh = pickAll(table, 'zh-CN');
  expect([en.title, en.count(3), en.views.dashboard]).toEqual(['Tiering', '3 accounts', 'Dashboard']);
  expect([zh.title, zh.count(3), zh.views.dashboard]).toEqual(['客户分级', '3 家客户', '指标看板']);
});

test('made once per table and language (a view can call it on every render)', () => {
  expect(pickAll(table, 'zh-CN')).toBe(pickAll(table, 'zh-CN'));
  expect(pickAll(table, 'en-US')).not.toBe(pickAll(table, 'zh-CN'));
});
