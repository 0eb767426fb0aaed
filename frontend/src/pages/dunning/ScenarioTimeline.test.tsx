import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { renderPage } from '../../test/render';
import { assignLanes, axisRange, orderSteps, ScenarioTimeline } from './ScenarioTimeline';

const STEPS = [
  { key: 'b', offset_days: 7, stage: 'reminder' as const, channel: 'email' as const },
  { key: 'a', offset_days: -15, stage: 'preventive' as const, channel: 'email' as const },
  { key: 'd', offset_days: 30, stage: 'formal_notice' as const, channel: 'letter' as const },
  { key: 'c', offset_days: 0, stage: 'reminder' as const, channel: 'sms' as const },
];

const leftOf = (el: HTMLElement) => parseFloat(el.style.left);

describe('ScenarioTimeline', () => {
  beforeEach(async () => {
    await act(() => changeLanguage('fr', false));
  });

  it('orders steps by offset, keeping the form order for ties', () => {
    expect(orderSteps([{ offset_days: 3, k: 1 }, { offset_days: '-2', k: 2 }, { offset_days: 3, k: 3 }]).map((s) => s.k)).toEqual([2, 1, 3]);
    // The axis always holds D0, even when every step is after it.
    const { lo, hi, at } = axisRange([5, 20]);
    expect([lo, hi]).toEqual([0, 20]);
    expect(at(0)).toBe(5);
    expect(at(20)).toBe(95);
  });

  it('puts close steps on other lanes so that their cards never overlap', () => {
    // Cards 92 px wide: far apart → above, below, above…; three close ones → a third lane.
    expect(assignLanes([100, 400, 700])).toEqual([0, 1, 0]);
    expect(assignLanes([100, 150, 180, 400])).toEqual([0, 1, 2, 1]);
    expect(assignLanes([100, 100, 100, 100])).toEqual([0, 1, 2, 3]);
  });

  it('draws the steps in offset order with their labels, and the due date between them', async () => {
    const onSelect = vi.fn();
    renderPage(<ScenarioTimeline steps={STEPS} selected="b" onSelect={onSelect} withErrors={['d']} />);
    const steps = screen.getAllByTestId('timeline-step');
    expect(steps.map((s) => s.getAttribute('aria-label'))).toEqual([
      'J-15 · Préventive · E-mail',
      'J0 · Relance · SMS',
      'J+7 · Relance · E-mail',
      'J+30 · Mise en demeure · Courrier · à corriger',
    ]);
    // Left to right, from the earliest to the latest.
    const lefts = steps.map(leftOf);
    expect([...lefts].sort((x, y) => x - y)).toEqual(lefts);
    // Whole cards inside the box (1000 px without layout): centres half a card from the edges.
    expect(lefts[0]).toBeCloseTo(5.8);
    expect(lefts[3]).toBeCloseTo(94.2);

    // The D0 marker sits where a step on the due date sits, after J-15 and before J+7.
    const d0 = screen.getByTestId('timeline-d0');
    expect(leftOf(d0)).toBeCloseTo(lefts[1]);
    expect(leftOf(d0)).toBeGreaterThan(lefts[0]);
    expect(leftOf(d0)).toBeLessThan(lefts[2]);
    expect(screen.getByText('Échéance J0')).toBeInTheDocument();

    expect(steps[2]).toHaveAttribute('aria-pressed', 'true');
    await userEvent.setup().click(steps[3]);
    expect(onSelect).toHaveBeenCalledWith('d');
  });

  it('labels offsets D-15 / D+7 in English', async () => {
    await act(() => changeLanguage('en', false));
    renderPage(<ScenarioTimeline steps={STEPS} selected={null} onSelect={() => {}} />);
    expect(screen.getAllByTestId('timeline-step').map((s) => s.textContent)).toEqual([
      'D-15Preventive',
      'D0Reminder',
      'D+7Reminder',
      'D+30Formal notice',
    ]);
    expect(screen.getByText('Due date D0')).toBeInTheDocument();
  });
});
