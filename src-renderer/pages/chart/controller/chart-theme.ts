import { ColorType, CrosshairMode, LineStyle, type ChartOptions, type DeepPartial } from 'lightweight-charts';

export type ColorScheme = 'dark' | 'light';

/** The colours of one theme, shared by the chart and the legend drawn over it. */
export interface ChartPalette {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly crosshair: string;
  readonly up: string;
  readonly down: string;
  readonly volumeUp: string;
  readonly volumeDown: string;
  readonly line: string;
  readonly level: string;
  readonly separator: string;
}

export const PALETTES: Record<ColorScheme, ChartPalette> = {
  dark: {
    background: '#161616',
    text: '#b8b8b8',
    grid: '#232323',
    border: '#3b3b3b',
    crosshair: '#828282',
    up: '#26a69a',
    down: '#ef5350',
    volumeUp: 'rgba(38, 166, 154, 0.35)',
    volumeDown: 'rgba(239, 83, 80, 0.35)',
    line: '#4dabf7',
    level: '#696969',
    separator: '#2e2e2e',
  },
  light: {
    background: '#ffffff',
    text: '#495057',
    grid: '#f1f3f5',
    border: '#dee2e6',
    crosshair: '#868e96',
    up: '#089981',
    down: '#f23645',
    volumeUp: 'rgba(8, 153, 129, 0.3)',
    volumeDown: 'rgba(242, 54, 69, 0.3)',
    line: '#1c7ed6',
    level: '#adb5bd',
    separator: '#dee2e6',
  },
};

const FONT = 'ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif';

export function chartOptions(palette: ChartPalette): DeepPartial<ChartOptions> {
  return {
    layout: {
      background: { type: ColorType.Solid, color: palette.background },
      textColor: palette.text,
      fontSize: 11,
      fontFamily: FONT,
      panes: { separatorColor: palette.separator, separatorHoverColor: palette.border, enableResize: true },
    },
    grid: { vertLines: { color: palette.grid }, horzLines: { color: palette.grid } },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: palette.crosshair, style: LineStyle.Dashed, labelBackgroundColor: palette.border },
      horzLine: { color: palette.crosshair, style: LineStyle.Dashed, labelBackgroundColor: palette.border },
    },
    rightPriceScale: { borderColor: palette.border },
    timeScale: { borderColor: palette.border },
  };
}
