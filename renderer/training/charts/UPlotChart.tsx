/**
 * uPlot in React: the chart is created once per set of series and fed new
 * data with setData, which redraws a few thousand points in well under a
 * millisecond, so ten updates a second while training cost the page nothing.
 * Drag across the chart to zoom in (the view then stays put while points
 * stream in); double-click to zoom back out.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'> & { height: number };

export function UPlotChart({ options, data, label, testId }: { options: ChartOptions; data: uPlot.AlignedData; label: string; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  const zoomed = useRef(false);
  const latest = useRef({ options, data });
  latest.current = { options, data };
  // A new chart only when the series change (a run added or hidden), not on every data update.
  const seriesKey = JSON.stringify(options.series.map((s) => s.label));
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const { options: current, data: initial } = latest.current;
    zoomed.current = false; // a new chart (new series) starts unzoomed
    const hooks = { ...current.hooks, setSelect: [(u: uPlot) => (zoomed.current = u.select.width > 0)] };
    const created = new uPlot({ ...current, hooks, width: Math.max(200, element.clientWidth) }, initial, element);
    chart.current = created;
    const unzoom = () => (zoomed.current = false);
    element.addEventListener('dblclick', unzoom);
    const resize = new ResizeObserver(() => created.setSize({ width: Math.max(200, element.clientWidth), height: current.height }));
    resize.observe(element);
    return () => {
      element.removeEventListener('dblclick', unzoom);
      resize.disconnect();
      created.destroy();
      chart.current = undefined;
    };
  }, [seriesKey]);
  useEffect(() => {
    chart.current?.setData(data, !zoomed.current);
  }, [data]);
  return <div ref={host} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
