// The scenario editor's form values, to and from the API's Scenario, and the field paths the
// server's problem+json errors can name (`steps[2].templates.fr.body`).
import { formatMoneyInput, parseMoney } from '../../format/money';
import type { Channel, Recipients, Scenario, ScenarioInput, Stage, Step, StepInput, Template, TemplateLanguage } from '../../api/types';

export const TEMPLATE_LANGUAGES: TemplateLanguage[] = ['fr', 'en'];

export interface StepValues {
  /** Stable key for React and the selection (the step's id, or a new one). */
  key: string;
  id?: string;
  offset_days: number | string;
  stage: Stage;
  channel: Channel;
  recipients: Recipients;
  copy_owner: boolean;
  /** As typed in the user's locale (MoneyInput). */
  min_overdue: string;
  skip_when_promised: boolean;
  segments: string[];
  templates: Record<TemplateLanguage, Template>;
}

export interface ScenarioValues {
  name: string;
  description: string;
  segments: string[];
  is_default: boolean;
  steps: StepValues[];
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `new-${counter}`;
}

const EMPTY_TEMPLATE: Template = { subject: '', body: '' };

export function stepValues(s: Step | StepInput, lng: string, currency = 'EUR'): StepValues {
  return {
    key: s.id ?? newKey(),
    id: s.id,
    offset_days: s.offset_days,
    stage: s.stage,
    channel: s.channel,
    recipients: s.recipients,
    copy_owner: s.copy_owner,
    min_overdue: s.min_overdue_cents ? formatMoneyInput(s.min_overdue_cents, lng, currency) : '',
    skip_when_promised: s.skip_when_promised,
    segments: s.segments ?? [],
    templates: { fr: { ...EMPTY_TEMPLATE, ...(s.templates?.fr ?? {}) }, en: { ...EMPTY_TEMPLATE, ...(s.templates?.en ?? {}) } },
  };
}

export function scenarioValues(s: Scenario, lng: string): ScenarioValues {
  return {
    name: s.name,
    description: s.description ?? '',
    segments: s.segments ?? [],
    is_default: s.is_default,
    steps: (s.steps ?? []).map((step) => stepValues(step, lng)),
  };
}

/** A new step a week after the last one (or on the due date), a reminder by email. */
export function blankStep(after: readonly StepValues[]): StepValues {
  const last = Math.max(-Infinity, ...after.map((s) => Number(s.offset_days) || 0));
  return {
    key: newKey(),
    offset_days: Number.isFinite(last) ? last + 7 : 0,
    stage: 'reminder',
    channel: 'email',
    recipients: 'accounting',
    copy_owner: false,
    min_overdue: '',
    skip_when_promised: true,
    segments: [],
    templates: { fr: { ...EMPTY_TEMPLATE }, en: { ...EMPTY_TEMPLATE } },
  };
}

export function toStep(v: StepValues, lng: string, currency = 'EUR'): StepInput {
  return {
    ...(v.id ? { id: v.id } : {}),
    offset_days: Number(v.offset_days),
    stage: v.stage,
    channel: v.channel,
    recipients: v.recipients,
    copy_owner: v.copy_owner,
    min_overdue_cents: v.min_overdue.trim() === '' ? 0 : (parseMoney(v.min_overdue, lng, currency) ?? 0),
    skip_when_promised: v.skip_when_promised,
    segments: v.segments,
    templates: {
      fr: { subject: v.templates.fr.subject, body: v.templates.fr.body },
      en: { subject: v.templates.en.subject, body: v.templates.en.body },
    },
  };
}

export function toInput(v: ScenarioValues, lng: string): ScenarioInput {
  return {
    name: v.name.trim(),
    description: v.description,
    segments: v.segments,
    steps: v.steps.map((s) => toStep(s, lng)),
  };
}

const STEP_FIELDS = ['offset_days', 'stage', 'channel', 'recipients', 'copy_owner', 'min_overdue', 'skip_when_promised', 'segments'];

/** Every field path of the form, for applyServerErrorsAt, and the aliases of the API's names. */
export function formPaths(steps: number): { paths: string[]; aliases: Record<string, string> } {
  const paths = ['name', 'description', 'segments'];
  const aliases: Record<string, string> = {};
  // "segments[0]: must not be empty" goes on the segments field.
  for (let i = 0; i < 50; i++) aliases[`segments.${i}`] = 'segments';
  for (let i = 0; i < steps; i++) {
    for (const f of STEP_FIELDS) paths.push(`steps.${i}.${f}`);
    for (const l of TEMPLATE_LANGUAGES) {
      paths.push(`steps.${i}.templates.${l}.subject`, `steps.${i}.templates.${l}.body`);
      // An error on a whole template (unknown variable in either part) lands on its body.
      aliases[`steps.${i}.templates.${l}`] = `steps.${i}.templates.${l}.body`;
    }
    aliases[`steps.${i}.min_overdue_cents`] = `steps.${i}.min_overdue`;
  }
  return { paths, aliases };
}

/** The index of the step a form error path names ("steps.2.templates.fr.body" → 2), or null. */
export function stepOfPath(path: string): number | null {
  const m = /^steps\.(\d+)(\.|$)/.exec(path);
  return m ? Number(m[1]) : null;
}

/** The template language an error path names, if any. */
export function languageOfPath(path: string): TemplateLanguage | null {
  const m = /\.templates\.(fr|en)(\.|$)/.exec(path);
  return m ? (m[1] as TemplateLanguage) : null;
}
