/**
 * Custom-function metadata (functions.json, functions-zh.json) generated from the catalog,
 * so Excel's tooltips, the HyperFormula plugin and the README never disagree.
 */
import { Locale, pick } from '../../core/i18n';
import { FunctionDeclaration, ResultType } from '../declaration';

export interface FunctionMetadataJson {
  /** Error cells reach the functions (they skip or name them as the HyperFormula plugin does). */
  allowErrorForDataTypeAny: true;
  functions: {
    id: string;
    name: string;
    description: string;
    helpUrl?: string;
    result: { type: ResultType; dimensionality: 'scalar' | 'matrix' };
    parameters: { name: string; description: string; type: 'any'; dimensionality: 'scalar' | 'matrix'; optional: boolean }[];
  }[];
}

const EXAMPLE_WORD: Record<Locale, string> = { 'en-US': 'Example', 'zh-CN': '示例' };

export function functionMetadata(
  decls: readonly FunctionDeclaration[],
  locale: Locale,
  helpBaseUrl?: string,
): FunctionMetadataJson {
  return {
    allowErrorForDataTypeAny: true,
    functions: decls.map((d) => ({
      id: d.id,
      // zh function names stay the English ids (planners type the same formula in both).
      name: d.id,
      description: `${pick(d.description, locale)} ${EXAMPLE_WORD[locale]}: ${d.example}`,
      ...(helpBaseUrl ? { helpUrl: `${helpBaseUrl}#${d.id.toLowerCase()}` } : {}),
      result: { type: d.result.type, dimensionality: d.result.shape.kind === 'scalar' ? 'scalar' : 'matrix' },
      parameters: d.params.map((p) => ({
        name: p.name,
        description: pick(p.description, locale),
        type: 'any' as const,
        dimensionality: p.kind === 'range' ? ('matrix' as const) : ('scalar' as const),
        optional: !!p.optional,
      })),
    })),
  };
}
