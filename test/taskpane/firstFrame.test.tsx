/**
 * Web mode's first frame (webMode/firstFrame.tsx), the pane's loading state that index.html
 * draws before React: one frame per language, each in its own language only, inert, without
 * the live pane's test ids or element ids, with the rules that show the page's language's frame
 * and the dark theme's tokens. (How it looks in Chromium: test/e2e/webMode.e2e.ts.)
 */
import { firstFrame } from '../../src/taskpane/webMode/firstFrame';

const { head, body } = firstFrame();
const frames = Object.fromEntries(
  [...body.matchAll(/<div class="crm3-first-frame" data-first-frame="([^"]+)" inert>/g)].map((m, i, all) => [
    m[1],
    body.slice(m.index, all[i + 1]?.index ?? body.length),
  ]),
);
const text = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

test('one inert frame per language, in that language', () => {
  expect(Object.keys(frames)).toEqual(['en-US', 'zh-CN']);
  const en = text(frames['en-US']);
  const zh = text(frames['zh-CN']);
  for (const words of ['CRM3 for Excel', 'Web mode', 'Dashboard', 'Open .xlsx', 'Cancel', 'Computing the workbook'])
    expect(en).toContain(words);
  for (const words of ['CRM3 大客户销售', '网页模式', '指标看板', '打开 .xlsx', '取消', '正在计算工作簿'])
    expect(zh).toContain(words);
  // The Chinese frame's Latin words are names the Chinese pane shows too: the product, Excel,
  // the language switch's "English", the sample's file name.
  const latin = new Set(zh.match(/[A-Za-z][A-Za-z0-9.-]*/g));
  expect([...latin].sort()).toEqual(['CRM3', 'English', 'Excel', 'crm3-sample.zh-CN.xlsx', 'xlsx'].sort());
});

test('the live pane’s test ids and element ids are not in it (React draws the pane that tests and labels find)', () => {
  expect(body).not.toMatch(/ (data-testid|id|for|aria-labelledby)="/);
  expect(body).toContain('aria-busy="true"');
});

test('the styles: the page’s language’s frame shows, and the dark theme’s tokens apply under prefers-color-scheme', () => {
  expect(head).toContain('html[lang^="zh"] [data-first-frame="en-US"]');
  expect(head).toContain('html:not([lang^="zh"]) [data-first-frame="zh-CN"]');
  expect(head).toMatch(
    /@media \(prefers-color-scheme: dark\)\{\.crm3-first-frame \.fui-FluentProvider\{[^}]*--colorNeutralBackground1:#292929;/,
  );
  // Fluent's rules, marked for its renderer to find on the page.
  expect(head).toContain('data-make-styles-bucket');
  expect(head).not.toMatch(/<script/i);
});
