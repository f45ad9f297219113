/**
 * The app's icons: drawn as SVG (color.svg, outline.svg — a shield with a keyhole), rendered to PNG
 * by resvg, and checked against what Teams requires of the PNGs that go into the package.
 *
 *   color.png    192×192, opaque, full bleed (Teams rounds the corners); the symbol in the middle 120×120
 *   outline.png  32×32, white (#FFFFFF) on transparent
 *
 * The SVGs hold no text, so rendering needs no fonts and gives the same bytes on every machine with
 * the same resvg version. A designer's color.png / outline.png placed next to the template wins
 * over the rendering (package.ts) and is checked the same way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const ICON_DIR = import.meta.dirname;

/** What Teams requires of each icon (docs: "Teams app icon for Teams Store and app bar"). */
export const ICON_RULES = {
  color: { size: 192, safeArea: 120 },
  outline: { size: 32 },
} as const;
export type IconKind = keyof typeof ICON_RULES;

/** Renders an SVG to PNG at its own size. */
export function renderSvg(svg: string | Buffer): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'original' }, logLevel: 'off' }).render().asPng();
}

export const colorIcon = (dir = ICON_DIR): Buffer => renderSvg(readFileSync(path.join(dir, 'color.svg')));
export const outlineIcon = (dir = ICON_DIR): Buffer => renderSvg(readFileSync(path.join(dir, 'outline.svg')));

export interface IconPixels {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row by row, colour premultiplied by alpha (white at alpha a is a,a,a,a). */
  pixels: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The pixels of a PNG. The size is read from the PNG header; the pixels are decoded by resvg, which
 * draws the PNG 1:1 (nearest neighbour, no smoothing) on a canvas of that size — so the same well-
 * kept decoder that renders the icons also reads whatever file is about to be packaged.
 */
export function readPng(png: Buffer): IconPixels {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (!width || !height || width > 4096 || height > 4096) throw new Error(`a PNG of ${width}×${height} is not an icon`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `<image width="${width}" height="${height}" image-rendering="optimizeSpeed" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'original' }, logLevel: 'off' }).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/** What Teams would refuse in an icon, or what makes it look wrong; empty when the icon is right. */
export function iconProblems(name: string, kind: IconKind, png: Buffer): string[] {
  const problems: string[] = [];
  let image: IconPixels;
  try {
    image = readPng(png);
  } catch (error) {
    return [`${name}: ${error instanceof Error ? error.message : String(error)}`];
  }
  const { size } = ICON_RULES[kind];
  const { pixels } = image;
  if (image.width !== size || image.height !== size) problems.push(`${name}: must be ${size}×${size}, is ${image.width}×${image.height}`);
  let visible = 0;
  let notWhite = 0;
  let opaque = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const a = pixels[i + 3]!;
    if (a === 255) opaque++;
    if (a > 0) visible++;
    // Premultiplied: white at any alpha has all three channels equal to the alpha.
    if (a > 0 && (pixels[i] !== a || pixels[i + 1] !== a || pixels[i + 2] !== a)) notWhite++;
  }
  const total = image.width * image.height;
  if (kind === 'color') {
    if (opaque !== total) problems.push(`${name}: the colour icon must be fully opaque (Teams shows it full bleed); ${total - opaque} pixels are not`);
  } else {
    if (notWhite) problems.push(`${name}: the outline icon must be white (#FFFFFF) on transparent; ${notWhite} pixels are not`);
    if (!visible) problems.push(`${name}: the outline icon is empty (or not a PNG resvg can read)`);
    if (visible === total) problems.push(`${name}: the outline icon needs a transparent background`);
  }
  return problems;
}
