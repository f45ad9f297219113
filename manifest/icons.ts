/**
 * The app's icons, drawn in code: a shield with a keyhole.
 *   color.png    192×192, white shield on the accent colour, full bleed (Teams rounds the corners)
 *   outline.png  32×32, white shield outline on transparent, as Teams requires
 * Deterministic: the same bytes on every machine, so nothing binary is committed.
 */
import { encodePng, rasterise, type Rgb } from './png';

export const ACCENT: Rgb = [0x1f, 0x4e, 0x79];
const WHITE: Rgb = [255, 255, 255];

/** A shield filling the box (x0, y0, size): flat top with rounded corners, straight sides, a point. */
function shield(x0: number, y0: number, w: number, h: number) {
  const half = 0.5;
  const r = 0.12;
  return (x: number, y: number): boolean => {
    const u = (x - x0) / w;
    const v = (y - y0) / h;
    if (u < 0 || u > 1 || v < 0 || v > 1) return false;
    const dx = Math.abs(u - half);
    if (v < 0.55) {
      if (dx > half) return false;
      // Rounded top corners.
      if (v < r && dx > half - r) return Math.hypot(dx - (half - r), v - r) <= r;
      return true;
    }
    // Below the shoulders the sides curve in to the point.
    const t = (v - 0.55) / 0.45;
    return dx <= half * (1 - t * t);
  };
}

/** A keyhole: a round head and a slot widening downwards. */
function keyhole(cx: number, top: number, size: number) {
  const head = size * 0.3;
  return (x: number, y: number): boolean => {
    if (Math.hypot(x - cx, y - (top + head)) <= head) return true;
    const v = (y - (top + head)) / (size - head);
    if (v < 0 || v > 1) return false;
    return Math.abs(x - cx) <= size * (0.12 + 0.1 * v);
  };
}

export function colorIcon(): Buffer {
  // The symbol sits in the middle ~60 %, clear of the corner rounding Teams applies.
  const outer = shield(0.22, 0.19, 0.56, 0.64);
  const hole = keyhole(0.5, 0.33, 0.3);
  return encodePng(
    rasterise(192, ACCENT, [
      { inside: outer, colour: WHITE },
      { inside: hole, colour: ACCENT },
    ]),
  );
}

export function outlineIcon(): Buffer {
  // 32 px: a 2.2 px stroke and a small filled keyhole, white on transparent.
  const outer = shield(0.12, 0.06, 0.76, 0.88);
  const inner = shield(0.19, 0.125, 0.62, 0.71);
  const hole = keyhole(0.5, 0.3, 0.34);
  return encodePng(
    rasterise(32, null, [
      { inside: (x, y) => outer(x, y) && !inner(x, y), colour: WHITE },
      { inside: hole, colour: WHITE },
    ]),
  );
}
