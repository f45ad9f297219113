/**
 * The compiled-template cache (bot/cards/render.ts, ADR 023): a card built from a cached compiled
 * template is exactly the card a freshly parsed template gives, one card's data never shows up in
 * the next, and the template JSON is never changed by a render (and cannot be changed after).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../../core/i18n';
import { compiledTemplate, renderTemplate } from '../../../bot/cards/render';
import messageTemplate from '../../../bot/cards/templates/message.json';
import { rawCardText } from '../../support/bot-harness';
import { CATALOGUE, TEMPLATE_FILES } from './catalogue';

const TEMPLATES = path.resolve(import.meta.dirname, '../../../bot/cards/templates');
const LOCALES: Locale[] = ['sv', 'en'];
const marked = (tag: string) => (s: string) => `${s} ${tag} *fet* \${t.title} [länk](https://evil.example)`;

describe('compiled card templates', () => {
  it('give the same cards as templates parsed afresh, whatever was rendered before', { timeout: 120_000 }, async () => {
    // Every card rendered once with other text first, so that each template is compiled and used.
    for (const e of CATALOGUE) for (const l of LOCALES) e.build(l, marked('ANNAN'));
    const cached = CATALOGUE.map((e) => LOCALES.map((l) => e.build(l, marked('DENNA'))));
    // A fresh module graph: new template objects and an empty cache, so the first render of each
    // entry parses its template anew (the behaviour before the cache).
    for (const [i, e] of CATALOGUE.entries()) {
      vi.resetModules();
      const fresh = (await import('./catalogue')).CATALOGUE[i]!;
      expect(fresh.name).toBe(e.name);
      expect(LOCALES.map((l) => fresh.build(l, marked('DENNA'))), e.name).toEqual(cached[i]);
    }
  });

  it('keep nothing of one card in the next', () => {
    for (const e of CATALOGUE) {
      for (const l of LOCALES) {
        e.build(l, marked('FÖRRA-KORTET'));
        const text = JSON.stringify(e.build(l, (s) => s.replace(/[A-Za-zÅÄÖåäö]/g, 'x')));
        expect(text, e.name).not.toContain('FÖRRA-KORTET');
      }
    }
    const a = renderTemplate(messageTemplate, { t: { heading: 'A', text: 'Första texten' }, v: { style: 'default' } });
    const b = renderTemplate(messageTemplate, { t: { heading: 'B', text: 'Andra texten' }, v: { style: 'warning' } });
    expect(rawCardText(a)).toContain('Första texten');
    expect(rawCardText(b)).not.toContain('Första');
    // A card is its own: changing one changes neither the template nor the next card.
    (a.body as { text?: string }[])[0]!.text = 'ÄNDRAD';
    const c = renderTemplate(messageTemplate, { t: { heading: 'A', text: 'Första texten' }, v: { style: 'default' } });
    expect(JSON.stringify(c)).not.toContain('ÄNDRAD');
  });

  it('leave the template JSON as it is on disk, frozen', async () => {
    for (const e of CATALOGUE) for (const l of LOCALES) e.build(l, marked('X'));
    for (const name of TEMPLATE_FILES) {
      const onDisk = JSON.parse(readFileSync(path.join(TEMPLATES, `${name}.json`), 'utf8')) as unknown;
      const used = ((await import(`../../../bot/cards/templates/${name}.json`)) as { default: unknown }).default;
      expect(used, name).toEqual(onDisk);
    }
    renderTemplate(messageTemplate, { t: { heading: 'A', text: 'Text' }, v: { style: 'default' } });
    expect(messageTemplate).toEqual(JSON.parse(readFileSync(path.join(TEMPLATES, 'message.json'), 'utf8')));
    expect(Object.isFrozen(messageTemplate)).toBe(true);
    expect(Object.isFrozen((messageTemplate as { body: object[] }).body[0])).toBe(true);
    expect(() => {
      (messageTemplate as { body: unknown[] }).body.push({});
    }).toThrow(TypeError);
  });

  it('compile each template object once', () => {
    const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${t.text}' }] };
    expect(compiledTemplate(template)).toBe(compiledTemplate(template));
    expect(compiledTemplate({ ...template })).not.toBe(compiledTemplate(template));
  });
});
