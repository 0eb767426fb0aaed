import { Box, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ChannelIcon, offsetLabel, STAGE_COLORS } from './components';
import type { Channel, Stage } from '../../api/types';

export interface TimelineStep {
  key: string;
  offset_days: number;
  stage: Stage;
  channel: Channel;
}

/** Steps in the order they happen (the form's order breaks ties). */
export function orderSteps<S extends { offset_days: number | string }>(steps: readonly S[]): S[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (Number(a.s.offset_days) || 0) - (Number(b.s.offset_days) || 0) || a.i - b.i)
    .map(({ s }) => s);
}

/** Where an offset sits on the axis, in percent: the axis runs from the earliest to the latest step, D0 always on it. */
export function axisRange(offsets: readonly number[]): { lo: number; hi: number; at: (offset: number) => number } {
  let lo = Math.min(0, ...offsets);
  let hi = Math.max(0, ...offsets);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  return { lo, hi, at: (o) => 5 + (90 * (o - lo)) / (hi - lo) };
}

const CARD_W = 104;
const CARD_H = 50;
const GAP = 8;

/**
 * Puts each card (in offset order) on a lane: above and below the axis in turn, then further
 * above or below when neighbours would overlap. `x` are the cards' centres in pixels.
 */
export function assignLanes(x: readonly number[], cardWidth = CARD_W, gap = GAP): number[] {
  const lastRight: number[] = [-Infinity, -Infinity, -Infinity, -Infinity];
  return x.map((cx, i) => {
    const left = cx - cardWidth / 2;
    // Alternate above and below while there is room; the far lanes only when needed.
    const order = i % 2 === 0 ? [0, 1, 2, 3] : [1, 0, 3, 2];
    let lane = order.find((l) => lastRight[l] + gap <= left) ?? -1;
    if (lane < 0) lane = lastRight.indexOf(Math.min(...lastRight));
    lastRight[lane] = cx + cardWidth / 2;
    return lane;
  });
}

/**
 * The scenario drawn on a horizontal axis from its earliest to its latest step, with the due date
 * (D0) marked: each step a card coloured by stage, with its channel and "J-15" / "J+7". Click to select.
 */
export function ScenarioTimeline({
  steps,
  selected,
  onSelect,
  withErrors = [],
}: {
  steps: readonly TimelineStep[];
  selected: string | null;
  onSelect: (key: string) => void;
  withErrors?: readonly string[];
}) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const ordered = orderSteps(steps);
  const { at } = axisRange(ordered.map((s) => s.offset_days));
  const minWidth = Math.max(640, ordered.length * 64);
  const width = Math.max(measured || 1000, minWidth);
  // Cards stay inside the box: the earliest and latest centres are half a card from its edges.
  const pad = CARD_W / 2 + 6;
  const pos = (o: number) => ((pad + ((at(o) - 5) / 90) * (width - 2 * pad)) / width) * 100;
  const lanes = assignLanes(ordered.map((s) => (pos(s.offset_days) / 100) * width));
  const d0 = pos(0);
  const far = lanes.some((l) => l >= 2);
  // Lanes 0 and 2 above the axis (2 further), 1 and 3 below.
  // The due date's label sits on top (LABEL_H), the lanes below it.
  const LABEL_H = 24;
  const AXIS_Y = LABEL_H + (far ? 2 * CARD_H + 34 : CARD_H + 26);
  const laneTop = [AXIS_Y - CARD_H - 20, AXIS_Y + 20, AXIS_Y - 2 * CARD_H - 28, AXIS_Y + CARD_H + 28];
  const height = far ? AXIS_Y + 2 * CARD_H + 36 : AXIS_Y + CARD_H + 28;

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Box ref={ref} pos="relative" h={height} miw={minWidth} data-testid="scenario-timeline" role="group" aria-label={t('dunning.timeline.label')}>
        {/* The axis and the due date. */}
        <Box pos="absolute" left={0} right={0} top={AXIS_Y} h={2} bg="gray.3" />
        <Box
          pos="absolute"
          top={LABEL_H - 4}
          h={height - LABEL_H}
          style={{ left: `${d0}%`, borderLeft: '2px dashed var(--mantine-color-indigo-4)', transform: 'translateX(-1px)' }}
          data-testid="timeline-d0"
          aria-hidden
        />
        <Text
          pos="absolute"
          size="xs"
          fw={700}
          c="indigo.7"
          bg="white"
          px={4}
          style={{ left: `${d0}%`, top: 0, transform: `translateX(-${d0 < 10 ? 20 : 50}%)`, whiteSpace: 'nowrap', borderRadius: 4, border: '1px solid var(--mantine-color-indigo-3)' }}
        >
          {t('dunning.timeline.due', { label: offsetLabel(0, t) })}
        </Text>

        {ordered.map((s, i) => {
          const color = STAGE_COLORS[s.stage] ?? 'gray';
          const lane = lanes[i];
          const above = lane % 2 === 0;
          const top = laneTop[lane];
          const isSelected = s.key === selected;
          const hasError = withErrors.includes(s.key);
          const left = pos(s.offset_days);
          const label = offsetLabel(s.offset_days, t);
          return (
            <Box key={s.key}>
              {/* The dot on the axis, and the stem to its card. */}
              <Box
                pos="absolute"
                w={14}
                h={14}
                bg={`${color}.6`}
                style={{ left: `${left}%`, top: AXIS_Y - 6, transform: 'translateX(-50%)', borderRadius: '50%', border: '2px solid white', boxShadow: '0 0 0 1px var(--mantine-color-gray-4)', zIndex: 2 }}
              />
              <Box
                pos="absolute"
                w={2}
                bg={isSelected ? `${color}.5` : 'gray.3'}
                style={{ left: `${left}%`, top: above ? top + CARD_H : AXIS_Y + 8, height: above ? AXIS_Y - top - CARD_H : top - AXIS_Y - 8, transform: 'translateX(-1px)' }}
              />
              <UnstyledButton
                data-testid="timeline-step"
                aria-pressed={isSelected}
                aria-label={`${label} · ${t(`dunning.stages.${s.stage}`)} · ${t(`dunning.channels.${s.channel}`)}${hasError ? ` · ${t('dunning.timeline.hasErrors')}` : ''}`}
                onClick={() => onSelect(s.key)}
                pos="absolute"
                w={CARD_W}
                px={6}
                py={5}
                bg={isSelected ? `${color}.0` : 'white'}
                style={{
                  left: `${left}%`,
                  top,
                  height: CARD_H,
                  transform: 'translateX(-50%)',
                  borderRadius: 'var(--mantine-radius-md)',
                  border: `${isSelected ? 2 : 1}px solid var(--mantine-color-${hasError ? 'red-6' : isSelected ? `${color}-6` : 'gray-3'})`,
                  borderTop: `4px solid var(--mantine-color-${color}-6)`,
                  boxShadow: isSelected ? 'var(--mantine-shadow-sm)' : undefined,
                  zIndex: isSelected ? 3 : 1,
                }}
              >
                <Box style={{ display: 'flex', alignItems: 'center', gap: 4, justifyContent: 'center' }}>
                  <ChannelIcon channel={s.channel} size={14} color={`var(--mantine-color-${color}-7)`} />
                  <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {label}
                  </Text>
                  {hasError && <IconAlertCircle size={14} color="var(--mantine-color-red-6)" />}
                </Box>
                <Text size="xs" c="dimmed" ta="center" truncate>
                  {t(`dunning.stages.${s.stage}`)}
                </Text>
              </UnstyledButton>
            </Box>
          );
        })}
      </Box>
    </ScrollArea>
  );
}
