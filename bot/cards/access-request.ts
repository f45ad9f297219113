/**
 * The access request card: new / change / termination, for oneself or a colleague (people picker
 * with Teams' dynamic typeahead and a static fallback), the system from the register, role,
 * justification and an optional valid-until date. After a refused submit it comes back with each
 * problem under its field, in the person's language, and everything typed kept.
 */
import type { RequestForm, RequestFormOptions } from '../../core/app/access';
import { type ValidationIssue, formatIssue } from '../../core/i18n/validation';
import { t, type Locale } from '../../core/i18n';
import { assetLabel, personName, validity } from './access-format';
import { renderTemplate, type AdaptiveCard } from './render';
import template from './templates/access-request.json';

const FIELDS = ['kind', 'subjectId', 'assetId', 'grantId', 'role', 'justification', 'validUntil'] as const;

export interface RequestCardInput {
  formId: string;
  options: RequestFormOptions;
  values: RequestForm;
  issues?: ValidationIssue[];
  today: string;
}

export function accessRequestCard(locale: Locale, input: RequestCardInput): AdaptiveCard {
  const { options, values } = input;
  const errors: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, '']));
  const general: string[] = [];
  for (const issue of input.issues ?? []) {
    const field = String(issue.path[0] ?? '');
    const text = formatIssue(locale, issue);
    if ((FIELDS as readonly string[]).includes(field)) errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
    else general.push(text);
  }
  const count = input.issues?.length ?? 0;
  const self = options.self;
  const people = [
    { title: t(locale, 'access.form.me', { name: personName(locale, self) }), value: self.id },
    ...options.people.map((p) => ({ title: p.unit ? `${personName(locale, p)} · ${p.unit}` : personName(locale, p), value: p.id })),
  ];
  return renderTemplate(template, {
    t: {
      title: t(locale, 'access.form.title'),
      intro: t(locale, 'access.form.intro'),
      summary: count ? [t(locale, 'access.form.fix', { count }), ...general].join(' ') : '',
      errors,
      hint: t(locale, 'access.form.hint'),
    },
    v: {
      formId: input.formId,
      today: input.today,
      labels: {
        kind: t(locale, 'access.form.kind'),
        subjectId: t(locale, 'access.form.subject'),
        assetId: t(locale, 'access.form.asset'),
        grantId: t(locale, 'access.form.grant'),
        role: t(locale, 'access.form.role'),
        justification: t(locale, 'access.form.justification'),
        validUntil: t(locale, 'access.form.validUntil'),
      },
      placeholders: {
        subjectId: t(locale, 'access.form.subjectPlaceholder'),
        assetId: t(locale, 'access.form.assetPlaceholder'),
        role: t(locale, 'access.form.rolePlaceholder'),
        justification: t(locale, 'access.form.justificationPlaceholder'),
      },
      required: {
        kind: t(locale, 'access.form.required.kind'),
        subjectId: t(locale, 'access.form.required.subject'),
        assetId: t(locale, 'access.form.required.asset'),
      },
      kinds: [
        { title: t(locale, 'access.kind.new'), value: 'new' },
        { title: t(locale, 'access.kind.change'), value: 'change' },
        { title: t(locale, 'access.kind.termination'), value: 'termination' },
      ],
      people,
      assets: options.assets.map((a) => ({ title: assetLabel(locale, a), value: a.id })),
      grants: options.grants.map((g) => ({ title: `${g.role} (${validity(locale, g.validUntil)})`, value: g.id })),
      showGrants: options.grants.length > 1 || (options.grants.length === 1 && Boolean(errors.grantId)),
      values: {
        kind: values.kind ?? 'new',
        subjectId: values.subjectId ?? self.id,
        assetId: values.assetId ?? '',
        grantId: values.grantId ?? '',
        role: values.role ?? '',
        justification: values.justification ?? '',
        validUntil: values.validUntil ?? '',
      },
      submit: t(locale, 'access.form.submit'),
    },
  }, { locale });
}
