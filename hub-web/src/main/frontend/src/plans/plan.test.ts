import { describe, expect, it } from 'vitest';
import { emptyMeasure, emptyPhase, emptyPlan, isSettled, planPayload, planProblems, readPlan } from './plan';

function filledPlan() {
  const plan = emptyPlan();
  plan.startDate = '2027-01-04';
  const phase = plan.phases[0]!;
  phase.title = '  Introduction ';
  phase.from = '2027-01-04';
  phase.to = '2027-06-30';
  phase.measures[0]!.description = 'Norwegian classes ';
  phase.measures[0]!.schedule = ' mornings, five days a week';
  const practice = emptyMeasure();
  practice.description = 'Language practice at a workplace';
  phase.measures.push(practice);
  return plan;
}

describe('the plan form', () => {
  it('builds the body the hub takes: trimmed texts, a blank schedule left out', () => {
    expect(planPayload(filledPlan(), 'amal-id', '311000047')).toEqual({
      subjectId: 'amal-id',
      recipient: '311000047',
      startDate: '2027-01-04',
      phases: [
        {
          title: 'Introduction',
          from: '2027-01-04',
          to: '2027-06-30',
          measures: [
            { description: 'Norwegian classes', schedule: 'mornings, five days a week' },
            { description: 'Language practice at a workplace' },
          ],
        },
      ],
    });
  });

  it('keeps the phases in the order written', () => {
    const plan = filledPlan();
    const work = emptyPhase();
    work.title = 'Work';
    work.from = '2027-07-01';
    work.to = '2027-12-31';
    work.measures[0]!.description = 'Job search';
    plan.phases.push(work);
    expect(planPayload(plan, 's', 'r').phases?.map((p) => p.title)).toEqual(['Introduction', 'Work']);
    expect(planProblems(plan)).toEqual([]);
  });

  it('points out every missing field, naming its phase and measure', () => {
    const plan = emptyPlan();
    plan.phases.push(emptyPhase());
    expect(planProblems(plan).map((p) => [p.field, p.message, p.values])).toEqual([
      ['plan-start', 'plans.error.startDate', undefined],
      ['plan-phase-0-title', 'plans.error.title', { phase: 1 }],
      ['plan-phase-0-from', 'plans.error.from', { phase: 1 }],
      ['plan-phase-0-to', 'plans.error.to', { phase: 1 }],
      ['plan-phase-0-measure-0', 'plans.error.description', { phase: 1, measure: 1 }],
      ['plan-phase-1-title', 'plans.error.title', { phase: 2 }],
      ['plan-phase-1-from', 'plans.error.from', { phase: 2 }],
      ['plan-phase-1-to', 'plans.error.to', { phase: 2 }],
      ['plan-phase-1-measure-0', 'plans.error.description', { phase: 2, measure: 1 }],
    ]);
  });

  it('points out a phase that ends before it begins, and a text of spaces only', () => {
    const plan = filledPlan();
    plan.phases[0]!.to = '2027-01-03';
    plan.phases[0]!.measures[1]!.description = '   ';
    expect(planProblems(plan).map((p) => p.message)).toEqual([
      'plans.error.toBeforeFrom',
      'plans.error.description',
    ]);
  });

  it('reads the plan in a message body, and nothing else', () => {
    const body = JSON.stringify({ startDate: '2027-01-04', phases: [{ title: 'Introduction', from: '2027-01-04', to: '2027-06-30', measures: [] }] });
    expect(readPlan(body)?.phases[0]?.title).toBe('Introduction');
    expect(readPlan('not json')).toBeUndefined();
    expect(readPlan('{"question":"?"}')).toBeUndefined();
    expect(readPlan(undefined)).toBeUndefined();
  });

  it('knows when a delivery will change no more by itself', () => {
    expect(isSettled('sent')).toBe(false);
    expect(isSettled('created')).toBe(false);
    expect(isSettled('delivered')).toBe(true);
    expect(isSettled('held')).toBe(true);
  });
});
