/**
 * The function reference, generated from the catalog: Markdown for the README and a
 * static HTML page (help.html) for Excel's "Help on this function" link.
 */
import { FunctionDeclaration, NAMESPACE } from './declaration';

export function signature(d: FunctionDeclaration): string {
  return `${NAMESPACE}.${d.id}(${d.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
}

function resultWords(d: FunctionDeclaration): string {
  const s = d.result.shape;
  if (s.kind === 'scalar') return 'one value';
  if (s.kind === 'list' && s.width)
    return `a block of \`${s.maxRows}\` rows and ${s.width} columns (spills; rows beyond the matches are blank, and when more rows match the last row reads "… +N")`;
  if (s.kind === 'list')
    return `a block of \`${s.maxRows}\` rows, one column per given column argument (spills; rows beyond the matches are blank, and when more rows match the last row reads "… +N")`;
  if (s.kind === 'column') return `a column, one value per entry of \`${s.lengthOf}\` (spills)`;
  return `one value per row of \`${s.of}\` (spills for several rows)`;
}

export function functionReferenceMarkdown(decls: readonly FunctionDeclaration[]): string {
  const out: string[] = [];
  for (const d of decls) {
    out.push(`#### \`${signature(d)}\``, '', `${d.description.en}`, '', `${d.description.zh}`, '');
    out.push(`- Returns: ${resultWords(d)}.`);
    out.push(`- Example: \`${d.example}\` → ${d.exampleResult.en}`);
    for (const p of d.params) out.push(`- \`${p.name}\`${p.optional ? ' (optional)' : ''}: ${p.description.en}`);
    for (const e of d.errors) out.push(`- Errors: ${e.en}`);
    out.push('');
  }
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function functionReferenceHtml(decls: readonly FunctionDeclaration[]): string {
  const items = decls
    .map((d) => {
      const params = d.params
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code>${p.optional ? ' (optional / 可选)' : ''}: ${esc(p.description.en)}<br><span lang="zh-CN">${esc(p.description.zh)}</span></li>`,
        )
        .join('');
      const errors = d.errors.map((e) => `<li>${esc(e.en)}<br><span lang="zh-CN">${esc(e.zh)}</span></li>`).join('');
      return `<section id="${d.id.toLowerCase()}"><h2><code>${esc(signature(d))}</code></h2>
<p>${esc(d.description.en)}</p><p lang="zh-CN">${esc(d.description.zh)}</p>
<p><strong>Example / 示例:</strong> <code>${esc(d.example)}</code> → ${esc(d.exampleResult.en)} / <span lang="zh-CN">${esc(d.exampleResult.zh)}</span></p>
<ul>${params}</ul>${errors ? `<ul class="errors">${errors}</ul>` : ''}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'unsafe-inline'">
<title>CRM3 functions / CRM3 函数参考</title>
<style>body{font-family:"Segoe UI","Microsoft YaHei",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2em}section{border-top:1px solid #ddd;padding-top:.5rem}</style>
</head><body><h1>CRM3 functions / CRM3 函数参考</h1>
${items}
</body></html>`;
}
