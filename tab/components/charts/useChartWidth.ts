/**
 * The width a chart may take: its container's. Null where nothing is laid out (a test DOM):
 * the chart is then not drawn, and the figures stay readable in the table behind it.
 */
import { useContainerWidth } from '../useContainerWidth';

export function useChartWidth() {
  return useContainerWidth<HTMLElement>();
}
