/**
 * Files derived from the function catalog at build time: Excel's metadata in both
 * languages and the function reference page (help.html, the manifest's help URL).
 */
import { catalog } from '../src/functions/catalog';
import { functionMetadata } from '../src/functions/excel/metadata';
import { functionReferenceHtml } from '../src/functions/reference';

export function catalogAssets(helpUrl: string): Record<string, string> {
  return {
    'functions.json': JSON.stringify(functionMetadata(catalog, 'en-US', helpUrl), null, 2),
    'functions-zh.json': JSON.stringify(functionMetadata(catalog, 'zh-CN', helpUrl), null, 2),
    'help.html': functionReferenceHtml(catalog),
  };
}
