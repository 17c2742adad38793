/**
 * The report's pictures as PNG in Node: resvg (a maintained renderer, prebuilt binaries from
 * the npm registry, no browser). Fonts: the CJK and Latin font files when the machine has them
 * (fonts-noto-cjk, fonts-dejavu on Debian), else every system font (slower to load).
 */
import { existsSync } from 'fs';
import type { Picture } from '../io/report/reportCharts';

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

/** PNG of a picture at twice its size (sharp in print). */
export async function rasterisePicture(picture: Picture): Promise<Uint8Array> {
  // Loaded on first use: commands that draw nothing never load the native module.
  const { Resvg } = await import('@resvg/resvg-js');
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(picture.svg, {
    fitTo: { mode: 'width', value: picture.width * 2 },
    font: fontFiles.length
      ? { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' }
      : { loadSystemFonts: true, defaultFontFamily: 'sans-serif' },
  });
  return new Uint8Array(resvg.render().asPng());
}
