import type { Schemas } from '../app/api/client';

/**
 * A participant's plan as the caseworker writes it (J6): a start date and phases, each with its
 * measures, and the body of POST /api/plans built from it. The hub checks the plan again and decides
 * whether a consent lets it go to NAV; the form only points out what is missing before asking.
 */
export interface MeasureDraft {
  key: number;
  description: string;
  schedule: string;
}

export interface PhaseDraft {
  key: number;
  title: string;
  from: string;
  to: string;
  measures: MeasureDraft[];
}

export interface PlanDraft {
  startDate: string;
  phases: PhaseDraft[];
}

/** The hub's limits on a plan (PlansResource): at most 20 phases of at most 20 measures. */
export const MAX_PHASES = 20;
export const MAX_MEASURES = 20;

let nextKey = 1;

export function emptyMeasure(): MeasureDraft {
  return { key: nextKey++, description: '', schedule: '' };
}

export function emptyPhase(): PhaseDraft {
  return { key: nextKey++, title: '', from: '', to: '', measures: [emptyMeasure()] };
}

export function emptyPlan(): PlanDraft {
  return { startDate: '', phases: [emptyPhase()] };
}

/** A field the form must point out: the id of its input, and the text saying what to do. */
export interface PlanProblem {
  field: string;
  message: string;
  values?: Record<string, number>;
}

export const fieldIds = {
  startDate: 'plan-start',
  title: (phase: number) => `plan-phase-${phase}-title`,
  from: (phase: number) => `plan-phase-${phase}-from`,
  to: (phase: number) => `plan-phase-${phase}-to`,
  description: (phase: number, measure: number) => `plan-phase-${phase}-measure-${measure}`,
};

/** What is missing or impossible in the draft, in the order the form shows the fields. */
export function planProblems(draft: PlanDraft): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!draft.startDate) {
    problems.push({ field: fieldIds.startDate, message: 'plans.error.startDate' });
  }
  draft.phases.forEach((phase, p) => {
    const values = { phase: p + 1 };
    if (!phase.title.trim()) {
      problems.push({ field: fieldIds.title(p), message: 'plans.error.title', values });
    }
    if (!phase.from) {
      problems.push({ field: fieldIds.from(p), message: 'plans.error.from', values });
    }
    if (!phase.to) {
      problems.push({ field: fieldIds.to(p), message: 'plans.error.to', values });
    } else if (phase.from && phase.to < phase.from) {
      problems.push({ field: fieldIds.to(p), message: 'plans.error.toBeforeFrom', values });
    }
    phase.measures.forEach((measure, m) => {
      if (!measure.description.trim()) {
        problems.push({
          field: fieldIds.description(p, m),
          message: 'plans.error.description',
          values: { phase: p + 1, measure: m + 1 },
        });
      }
    });
  });
  return problems;
}

/** The body of POST /api/plans: the texts trimmed, a blank schedule left out. */
export function planPayload(
  draft: PlanDraft,
  subjectId: string,
  recipient: string,
): Schemas['PlanRequest'] {
  return {
    subjectId,
    recipient,
    startDate: draft.startDate,
    phases: draft.phases.map((phase) => ({
      title: phase.title.trim(),
      from: phase.from,
      to: phase.to,
      measures: phase.measures.map((measure) =>
        measure.schedule.trim()
          ? { description: measure.description.trim(), schedule: measure.schedule.trim() }
          : { description: measure.description.trim() },
      ),
    })),
  };
}

/** A plan as NAV reads it: the body of a plan message, which the hub gives as JSON text. */
export interface SharedPlan {
  startDate: string;
  phases: { title: string; from: string; to: string; measures: { description: string; schedule?: string }[] }[];
}

/** The plan in a message's body, or undefined if the body is not a plan. */
export function readPlan(body: string | undefined): SharedPlan | undefined {
  if (!body) {
    return undefined;
  }
  try {
    const plan: unknown = JSON.parse(body);
    if (
      typeof plan === 'object' &&
      plan !== null &&
      'phases' in plan &&
      Array.isArray(plan.phases)
    ) {
      return plan as SharedPlan;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The statuses after which a plan's delivery changes no more by itself. */
const SETTLED = new Set(['delivered', 'read', 'failed', 'expired', 'held', 'declined']);

export function isSettled(status: string | undefined): boolean {
  return status !== undefined && SETTLED.has(status);
}
